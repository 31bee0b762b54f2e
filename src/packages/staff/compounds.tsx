import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Compound, RegistryCommunity } from '../../../contract';
import { checkCompoundFields, compoundPositionProblem } from '../../../rules/registry';
import { api } from '../../api/client';
import { CommunityPicker } from '../../components/CommunityPicker';
import { useFormSave } from '../../hooks/useFormSave';
import { PositionField, checkPosition } from './PositionField';
import { CommunityRegistryPage } from './CommunityRegistryPage';
import { ActiveSwitch, ActiveTag, Field, FormButtons, FormProblem, wholeNumber } from './registryParts';

/** 本社区小区 (?communityId): a community's compounds for its staff and admins: add, edit, move, stop. */
export default function CompoundsPage() {
  return (
    <CommunityRegistryPage<Compound>
      what='小区'
      emptyText='还没有登记小区，可以点上面的“新建小区”'
      load={(communityId, cursor) => api.registry.listCompounds({ communityId, cursor, pageSize: 20 })}
      form={({ item, ...slot }) => <CompoundForm {...slot} compound={item} />}
      rowTestId='compound-row'
      row={(c) => (
        <>
          <View className='row'>
            <Text className='t-title grow'>{c.name}</Text>
            <ActiveTag active={c.active} />
          </View>
          <View className='row'>
            <Text className='t-small grow'>{c.households} 户</Text>
            <Text className='t-small'>编辑 ›</Text>
          </View>
        </>
      )}
    />
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
    position: compound?.location ?? null,
  }));
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(compound?.active ?? true);
  const community = communities.find((c) => c.id === form.communityId);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));

  const save = () => {
    const position = checkPosition(form.position);
    const location = typeof position === 'string' ? { lng: 0, lat: 0 } : position;
    const checked = checkCompoundFields({ name: form.name, communityId: form.communityId, location, households: wholeNumber(form.households) });
    const positionProblem =
      typeof position === 'string' ? position : community ? (compoundPositionProblem(position, community.location) ?? undefined) : undefined;
    return submit(checked, (value) => api.registry.saveCompound({ ...value, ...(compound ? { compoundId: compound.id } : {}) }), { location: positionProblem });
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
      <PositionField value={form.position} community={community} onChange={(position) => set({ position })} problem={problems.location} />
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
