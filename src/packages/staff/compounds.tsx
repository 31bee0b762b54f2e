import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Compound, RegistryCommunity } from '../../../contract';
import { checkCompoundFields, compoundPositionProblem } from '../../../rules/registry';
import { api } from '../../api/client';
import { CommunityPicker } from '../../components/CommunityPicker';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { toApiError, usePagedQuery, useQuery } from '../../hooks/useQuery';
import { PositionField, checkPosition, positionText } from './PositionField';
import { ActiveSwitch, ActiveTag, Field, FormButtons, FormProblem, wholeNumber } from './registryParts';

/** 本社区小区 (?communityId): a community's compounds for its staff and admins: add, edit, move, stop. */
export default function CompoundsPage() {
  const { params } = useRouter();
  const communities = useQuery(() => api.registry.listCommunities({}), []);
  const list = communities.data ?? [];
  const [chosen, setChosen] = useState<string | undefined>(params.communityId);
  const communityId = chosen ?? list[0]?.id;
  return (
    <Screen>
      <QueryView
        status={communities.status}
        error={communities.error}
        onRetry={communities.reload}
        empty={list.length === 0}
        emptyText='只有社区工作者和区管理员可以维护小区。'
        loadingText='正在读取社区…'
      >
        {communityId && <CompoundList key={communityId} communities={list} communityId={communityId} onCommunity={setChosen} />}
      </QueryView>
    </Screen>
  );
}

function CompoundList({ communities, communityId, onCommunity }: { communities: RegistryCommunity[]; communityId: string; onCommunity: (id: string) => void }) {
  const community = communities.find((c) => c.id === communityId);
  const compounds = usePagedQuery((cursor) => api.registry.listCompounds({ communityId, cursor, pageSize: 20 }), [communityId]);
  const [editing, setEditing] = useState<Compound | 'new' | null>(null);
  const done = (changed: boolean) => (setEditing(null), changed && compounds.reload());
  return (
    <View>
      <Text className='t-h1'>{community?.name ?? '本社区'}的小区</Text>
      {communities.length > 1 && (
        <CommunityPicker communities={communities} value={communityId} onChange={(id) => id && onCommunity(id)} label='选择社区' className='section-title' />
      )}
      {editing === 'new' ? (
        <CompoundForm communities={communities} communityId={communityId} onDone={done} />
      ) : (
        <Button className='btn btn-primary btn-block section-title' onClick={() => setEditing('new')}>
          新建小区
        </Button>
      )}
      <QueryView
        status={compounds.status}
        error={compounds.error}
        onRetry={compounds.reload}
        empty={compounds.items.length === 0}
        emptyText='还没有登记小区，可以点上面的“新建小区”'
        loadingText='正在读取小区…'
      >
        {compounds.items.map((c) =>
          editing !== 'new' && editing?.id === c.id ? (
            <CompoundForm key={c.id} communities={communities} communityId={communityId} compound={c} onDone={done} />
          ) : (
            <View key={c.id} className='card' role='button' data-testid='compound-row' onClick={() => setEditing(c)}>
              <View className='row'>
                <Text className='t-title grow'>{c.name}</Text>
                <ActiveTag active={c.active} />
              </View>
              <View className='row'>
                <Text className='t-small grow'>{c.households} 户</Text>
                <Text className='t-small'>编辑 ›</Text>
              </View>
            </View>
          ),
        )}
        <LoadMore list={compounds} />
      </QueryView>
    </View>
  );
}

interface FormProps {
  communities: RegistryCommunity[];
  communityId: string;
  compound?: Compound;
  onDone: (changed: boolean) => void;
}

export function CompoundForm({ communities, communityId, compound, onDone }: FormProps) {
  const [form, setForm] = useState(() => ({
    name: compound?.name ?? '',
    households: compound ? String(compound.households) : '',
    communityId: compound?.communityId ?? communityId,
    ...positionText(compound?.location ?? null),
  }));
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  const [busy, setBusy] = useState(false);
  const [active, setActive] = useState(compound?.active ?? true);
  const community = communities.find((c) => c.id === form.communityId);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    if (busy) return;
    const position = checkPosition(form.lng, form.lat);
    const location = typeof position === 'string' ? { lng: 0, lat: 0 } : position;
    const checked = checkCompoundFields({ name: form.name, communityId: form.communityId, location, households: wholeNumber(form.households) });
    const found: Partial<Record<string, string>> = checked.ok ? {} : { ...checked.problems };
    if (typeof position === 'string') found.location = position;
    else if (community) found.location = compoundPositionProblem(position, community.location) ?? undefined;
    setProblems(found);
    if (!checked.ok || Object.values(found).some(Boolean)) return;
    setBusy(true);
    try {
      await api.registry.saveCompound({ ...checked.value, ...(compound ? { compoundId: compound.id } : {}) });
      onDone(true);
    } catch (err) {
      setProblems({ form: toApiError(err).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='compound-form'>
      <View className='t-title'>{compound ? `编辑小区：${compound.name}` : '新建小区'}</View>
      {compound && <ActiveTag active={active} />}
      <Field label='小区名称' value={form.name} onInput={(name) => set({ name })} placeholder='例如：福海花园' problem={problems.name} />
      <Field
        label='户数'
        type='number'
        maxlength={6}
        value={form.households}
        onInput={(households) => set({ households })}
        placeholder='例如：320'
        problem={problems.households}
      />
      {communities.length > 1 && (
        <View className='field'>
          <View>所属社区</View>
          <CommunityPicker communities={communities} value={form.communityId} onChange={(id) => id && set({ communityId: id })} label='所属社区' />
        </View>
      )}
      <PositionField lng={form.lng} lat={form.lat} community={community} onChange={(p) => set(p)} problem={problems.location} />
      <FormProblem text={problems.form} />
      <FormButtons busy={busy} saveText={compound ? '保存修改' : '建好小区'} onSave={save} onCancel={() => onDone(false)} />
      {compound && (
        <ActiveSwitch
          what={`小区“${compound.name}”`}
          active={active}
          set={async (next, reason) => {
            const saved = await api.registry.setCompoundActive({ compoundId: compound.id, active: next, reason });
            setActive(saved.active);
          }}
        />
      )}
    </View>
  );
}
