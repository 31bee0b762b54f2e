import { Picker, View } from '@tarojs/components';
import { useState } from 'react';
import { District, RegistryCommunity, RegistryStreet } from '../../../contract';
import { checkCommunityFields, checkDistrictFields, checkStreetFields } from '../../../rules/registry';
import { api } from '../../api/client';
import { useFormSave } from '../../hooks/useFormSave';
import { checkPosition, PositionField } from './PositionField';
import { ActiveSwitch, Field, FormButtons, FormProblem, wholeNumber } from './registryParts';

/**
 * 辖区管理's forms: a district, a street, a community, each new or edited, checked by the registry's rules
 * beside their fields, and stopped or restarted (with a reason) once made. `onDone(changed)` closes one.
 */

/** A district: its name and code. */
export function DistrictForm({ district, onDone }: { district?: District; onDone: (changed: boolean) => void }) {
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

/** A street of the district: its name and code. */
export function StreetForm({ districtId, street, onDone }: { districtId: string; street?: RegistryStreet; onDone: (changed: boolean) => void }) {
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

/** A community: its name, code, households, street and centre. */
export function CommunityForm({ streets, streetId, community, onDone }: CommunityFormProps) {
  const [form, setForm] = useState(() => ({
    code: community?.code ?? '',
    name: community?.name ?? '',
    streetId: community?.streetId ?? streetId,
    households: community ? String(community.households) : '',
    position: community?.location ?? null,
  }));
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(community?.active ?? true);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const streetIndex = streets.findIndex((s) => s.id === form.streetId);
  const save = () => {
    const position = checkPosition(form.position);
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
      <PositionField value={form.position} community={community} onChange={(position) => set({ position })} problem={problems.location} />
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
