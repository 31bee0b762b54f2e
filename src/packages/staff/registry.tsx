import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { District, RegistryCommunity, RegistryStreet } from '../../../contract';
import { checkCommunityFields, checkDistrictFields, checkStreetFields } from '../../../rules/registry';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { checkPosition, PositionField, positionText } from './PositionField';
import { ActiveSwitch, ActiveTag, Field, FormButtons, FormProblem, wholeNumber } from './registryParts';
import { useFormSave } from '../../hooks/useFormSave';
import { ChoiceChips } from '../../components/ChoiceChips';

/**
 * 辖区管理 (district admins): the district, its streets, and a street's communities, each created, edited
 * and stopped here; a community opens its compounds and teams (the pages its staff use).
 */
export default function RegistryPage() {
  const tree = useQuery(async () => {
    const districts = await api.registry.listDistricts({});
    const streets = await api.registry.listStreets({});
    return { districts, streets };
  }, []);
  const [streetId, setStreetId] = useState<string | undefined>();
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const data = tree.data;
  const districts = data?.districts ?? [];
  // A second district is data like the first: chosen here (the first until then).
  const district = districts.find((d) => d.id === districtId) ?? districts[0];
  const streets = (data?.streets ?? []).filter((s) => !district || s.districtId === district.id);
  const street = streets.find((s) => s.id === streetId);
  const done = (changed: boolean) => (setEditing(null), changed && tree.refresh());
  return (
    <Screen>
      <QueryView query={tree} empty={false} loadingText='正在读取辖区…'>
        {data && !district && editing !== 'district:new' && (
          <View className='card'>
            <View>还没有登记区。请先建好区，再添加街道和社区。</View>
            <Button className='btn btn-primary btn-block section-title' onClick={() => setEditing('district:new')}>
              登记区
            </Button>
          </View>
        )}
        {districts.length > 1 && (
          <ChoiceChips
            options={districts.map((d) => d.id)}
            labels={Object.fromEntries(districts.map((d) => [d.id, d.name]))}
            value={district?.id}
            onChange={(id) => id && (setDistrictId(id), setStreetId(undefined))}
          />
        )}
        {editing === 'district:new' && <DistrictForm onDone={done} />}
        {district &&
          (editing === `district:${district.id}` ? (
            <DistrictForm district={district} onDone={done} />
          ) : (
            <View className='card row' data-testid='district'>
              <Text className='t-h1 grow'>{district.name}</Text>
              <ActiveTag active={district.active} />
              <Button className='btn' onClick={() => setEditing(`district:${district.id}`)}>
                编辑
              </Button>
            </View>
          ))}
        {district && editing === null && (
          <Button className='btn btn-block' data-testid='new-district' onClick={() => setEditing('district:new')}>
            另登记一个区
          </Button>
        )}
        {district && (
          <>
            <View className='t-title section-title'>街道（{streets.length}）</View>
            {streets.map((s) =>
              editing === `street:${s.id}` ? (
                <StreetForm key={s.id} districtId={district.id} street={s} onDone={done} />
              ) : (
                <View key={s.id} className={`card ${s.id === streetId ? 'pick-on' : ''}`} data-testid='street-row'>
                  <View className='row' role='button' onClick={() => setStreetId(s.id === streetId ? undefined : s.id)}>
                    <Text className='t-title grow'>{s.name}</Text>
                    <ActiveTag active={s.active} />
                  </View>
                  <View className='row gap field'>
                    <Button className='btn grow' onClick={() => setStreetId(s.id === streetId ? undefined : s.id)}>
                      {s.id === streetId ? '收起社区' : '查看社区'}
                    </Button>
                    <Button className='btn' onClick={() => setEditing(`street:${s.id}`)}>
                      编辑
                    </Button>
                  </View>
                </View>
              ),
            )}
            {editing === 'street:new' ? (
              <StreetForm districtId={district.id} onDone={done} />
            ) : (
              <Button className='btn btn-block' onClick={() => setEditing('street:new')}>
                新建街道
              </Button>
            )}
            {street && <Communities key={street.id} street={street} streets={streets} />}
          </>
        )}
      </QueryView>
    </Screen>
  );
}

function Communities({ street, streets }: { street: RegistryStreet; streets: RegistryStreet[] }) {
  const communities = useQuery(() => api.registry.listCommunities({ streetId: street.id }), [street.id]);
  const [editing, setEditing] = useState<string | null>(null);
  const done = (changed: boolean) => (setEditing(null), changed && communities.refresh());
  const list = communities.data ?? [];
  return (
    <View data-testid='communities'>
      <View className='t-title section-title'>
        {street.name}的社区（{list.length}）
      </View>
      <QueryView
        query={communities}
        empty={list.length === 0 && editing !== 'new'}
        emptyText='这个街道还没有社区，可以点下面的“新建社区”'
        loadingText='正在读取社区…'
      >
        {list.map((c) =>
          editing === c.id ? (
            <CommunityForm key={c.id} streets={streets} streetId={street.id} community={c} onDone={done} />
          ) : (
            <View key={c.id} className='card' data-testid='community-row'>
              <View className='row'>
                <Text className='t-title grow'>{c.name}</Text>
                <ActiveTag active={c.active} />
              </View>
              <View className='t-small'>
                代码 {c.code} · {c.households} 户
              </View>
              <View className='row gap field'>
                <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/compounds?communityId=${c.id}` })}>
                  小区
                </Button>
                <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/teams?communityId=${c.id}` })}>
                  服务队
                </Button>
                <Button className='btn grow' onClick={() => setEditing(c.id)}>
                  编辑
                </Button>
              </View>
            </View>
          ),
        )}
      </QueryView>
      {editing === 'new' ? (
        <CommunityForm streets={streets} streetId={street.id} onDone={done} />
      ) : (
        <Button className='btn btn-block section-title' onClick={() => setEditing('new')}>
          新建社区
        </Button>
      )}
    </View>
  );
}

function DistrictForm({ district, onDone }: { district?: District; onDone: (changed: boolean) => void }) {
  const [form, setForm] = useState({ code: district?.code ?? '', name: district?.name ?? '' });
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(district?.active ?? true);
  const save = () => submit(checkDistrictFields(form), (value) => api.registry.saveDistrict({ ...value, ...(district ? { districtId: district.id } : {}) }));
  return (
    <View className='card' data-testid='district-form'>
      <View className='t-title'>{district ? '编辑区' : '登记区'}</View>
      <Field label='区名称' value={form.name} onInput={(name) => setForm({ ...form, name })} placeholder='例如：福山区' problem={problems.name} />
      <Field
        label='区代码'
        maxlength={20}
        value={form.code}
        onInput={(code) => setForm({ ...form, code })}
        placeholder='行政区划代码，例如 370611'
        problem={problems.code}
      />
      <FormProblem text={problems.form} />
      <FormButtons busy={busy} saveText='保存' onSave={save} onCancel={() => onDone(false)} />
      {district && (
        <ActiveSwitch
          what={`“${district.name}”`}
          active={active}
          set={async (next, reason) => setActive((await api.registry.setDistrictActive({ districtId: district.id, active: next, reason })).active)}
        />
      )}
    </View>
  );
}

function StreetForm({ districtId, street, onDone }: { districtId: string; street?: RegistryStreet; onDone: (changed: boolean) => void }) {
  const [form, setForm] = useState({ code: street?.code ?? '', name: street?.name ?? '' });
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(street?.active ?? true);
  const save = () =>
    submit(checkStreetFields({ ...form, districtId: street?.districtId || districtId }), (value) =>
      api.registry.saveStreet({ ...value, ...(street ? { streetId: street.id } : {}) }),
    );
  return (
    <View className='card' data-testid='street-form'>
      <View className='t-title'>{street ? `编辑街道：${street.name}` : '新建街道'}</View>
      <Field label='街道名称' value={form.name} onInput={(name) => setForm({ ...form, name })} placeholder='例如：清洋街道' problem={problems.name} />
      <Field
        label='街道代码'
        maxlength={20}
        value={form.code}
        onInput={(code) => setForm({ ...form, code })}
        placeholder='例如 370611001'
        problem={problems.code}
      />
      <FormProblem text={problems.form} />
      <FormButtons busy={busy} saveText={street ? '保存修改' : '建好街道'} onSave={save} onCancel={() => onDone(false)} />
      {street && (
        <ActiveSwitch
          what={`街道“${street.name}”`}
          active={active}
          set={async (next, reason) => setActive((await api.registry.setStreetActive({ streetId: street.id, active: next, reason })).active)}
        />
      )}
    </View>
  );
}

interface CommunityFormProps {
  streets: RegistryStreet[];
  streetId: string;
  community?: RegistryCommunity;
  onDone: (changed: boolean) => void;
}

function CommunityForm({ streets, streetId, community, onDone }: CommunityFormProps) {
  const [form, setForm] = useState(() => ({
    code: community?.code ?? '',
    name: community?.name ?? '',
    streetId: community?.streetId ?? streetId,
    households: community ? String(community.households) : '',
    ...positionText(community?.location ?? null),
  }));
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(community?.active ?? true);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const streetIndex = streets.findIndex((s) => s.id === form.streetId);
  const save = () => {
    const position = checkPosition(form.lng, form.lat);
    const checked = checkCommunityFields({
      code: form.code,
      name: form.name,
      streetId: form.streetId,
      location: typeof position === 'string' ? { lng: 0, lat: 0 } : position,
      households: wholeNumber(form.households),
    });
    return submit(checked, (value) => api.registry.saveCommunity({ ...value, ...(community ? { communityId: community.id } : {}) }), {
      location: typeof position === 'string' ? position : undefined,
    });
  };
  return (
    <View className='card' data-testid='community-form'>
      <View className='t-title'>{community ? `编辑社区：${community.name}` : '新建社区'}</View>
      <Field label='社区名称' value={form.name} onInput={(name) => set({ name })} placeholder='例如：清洋社区' problem={problems.name} />
      <Field label='社区代码' maxlength={20} value={form.code} onInput={(code) => set({ code })} placeholder='例如 370611001001' problem={problems.code} />
      <Field
        label='户数'
        type='number'
        maxlength={6}
        value={form.households}
        onInput={(households) => set({ households })}
        placeholder='例如：2400'
        problem={problems.households}
      />
      <View className='field'>
        <View>所属街道</View>
        <Picker
          mode='selector'
          range={streets.map((s) => s.name)}
          value={Math.max(0, streetIndex)}
          onChange={(e) => set({ streetId: streets[Number(e.detail.value)].id })}
        >
          <View className='input' aria-label='所属街道'>
            {streets[streetIndex]?.name ?? '请选择街道'} ▾
          </View>
        </Picker>
      </View>
      <View className='t-small'>社区中心位置</View>
      <PositionField lng={form.lng} lat={form.lat} community={community} onChange={(p) => set(p)} problem={problems.location} />
      <FormProblem text={problems.form} />
      <FormButtons busy={busy} saveText={community ? '保存修改' : '建好社区'} onSave={save} onCancel={() => onDone(false)} />
      {community && (
        <ActiveSwitch
          what={`社区“${community.name}”`}
          active={active}
          set={async (next, reason) => setActive((await api.registry.setCommunityActive({ communityId: community.id, active: next, reason })).active)}
        />
      )}
    </View>
  );
}
