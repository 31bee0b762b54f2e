import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RegistryCommunity, RegistryTeam, SERVICE_CLASS_LABELS, SERVICE_CLASSES, ServiceClass } from '../../../contract';
import { checkTeamFields } from '../../../rules/registry';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { FieldProblem } from '../../components/FieldProblem';
import { useFormSave } from '../../hooks/useFormSave';
import { CommunityRegistryPage } from './CommunityRegistryPage';
import { ActiveSwitch, ActiveTag, Field, FormButtons, FormProblem } from './registryParts';

/** 本社区服务队 (?communityId): a community's service teams for its staff and admins: add, edit, move, stop. */
export default function TeamsPage() {
  return (
    <CommunityRegistryPage<RegistryTeam>
      what='服务队'
      emptyText='本社区还没有服务队，可以点上面的“新建服务队”'
      load={(communityId, cursor) => api.registry.listTeams({ communityId, cursor, pageSize: 20 })}
      form={({ item, ...slot }) => <TeamForm {...slot} team={item} />}
      rowTestId='team-row'
      row={(t) => (
        <>
          <View className='row'>
            <Text className='tag'>{SERVICE_CLASS_LABELS[t.serviceClass]}</Text>
            <Text className='t-title grow'>{t.name}</Text>
            <ActiveTag active={t.active} />
          </View>
          <View className='t-small'>队长：{t.leaders.length ? t.leaders.map((l) => l.name).join('、') : '暂无'}</View>
          <View className='row'>
            <Text className='t-small grow'>联系电话：{t.contactPhone ?? '未填写'}</Text>
            <Text className='t-small'>编辑 ›</Text>
          </View>
        </>
      )}
    />
  );
}

/** Service items as typed: separated by 、 ， , or spaces. */
export const splitServices = (text: string) => text.split(/[、，,\s]+/).filter(Boolean);

interface FormProps {
  communities: RegistryCommunity[];
  communityId: string;
  team?: RegistryTeam;
  onDone: (changed: boolean) => void;
}

export function TeamForm({ communities, communityId, team, onDone }: FormProps) {
  const [form, setForm] = useState(() => ({
    name: team?.name ?? '',
    serviceClass: (team?.serviceClass ?? 'other') as ServiceClass,
    communityId: team?.communityId ?? communityId,
    description: team?.description ?? '',
    services: team?.services.join('、') ?? '',
    contactPhone: team?.contactPhone ?? '',
    leaders: (team?.leaders ?? []).filter((l) => !l.hasAccount).map((l) => ({ name: l.name, phone: l.phone ?? '' })),
  }));
  const holders = (team?.leaders ?? []).filter((l) => l.hasAccount);
  const { problems, busy, submit } = useFormSave(() => onDone(true));
  const [active, setActive] = useState(team?.active ?? true);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  const setLeader = (i: number, patch: Partial<{ name: string; phone: string }>) =>
    set({ leaders: form.leaders.map((l, j) => (j === i ? { ...l, ...patch } : l)) });

  const save = () =>
    submit(checkTeamFields({ ...form, services: splitServices(form.services) }), (value) =>
      api.registry.saveTeam({ ...value, ...(team ? { teamId: team.id } : {}) }),
    );

  return (
    <View className='card' data-testid='team-form'>
      <View className='t-title'>{team ? `编辑服务队：${team.name}` : '新建服务队'}</View>
      {team && <ActiveTag active={active} />}
      <Field label='服务队名称' value={form.name} onInput={(name) => set({ name })} placeholder='例如：福老汇理发队' problem={problems.name} />
      <View className='field'>
        <View>服务类别</View>
        <ChoiceChips options={SERVICE_CLASSES} labels={SERVICE_CLASS_LABELS} value={form.serviceClass} onChange={(c) => c && set({ serviceClass: c })} />
        <FieldProblem text={problems.serviceClass} />
      </View>
      {communities.length > 1 && (
        <View className='field'>
          <View>所属社区</View>
          <CommunityPicker communities={communities} value={form.communityId} onChange={(id) => id && set({ communityId: id })} label='所属社区' />
        </View>
      )}
      <Field
        label='服务队介绍'
        multiline
        maxlength={500}
        value={form.description}
        onInput={(description) => set({ description })}
        placeholder='居民在服务队页面看到的介绍'
        problem={problems.description}
      />
      <Field
        label='服务内容（用顿号隔开）'
        maxlength={200}
        value={form.services}
        onInput={(services) => set({ services })}
        placeholder='例如：理发、修面'
        problem={problems.services}
      />
      <Field
        label='联系电话（居民可以点击拨打）'
        maxlength={20}
        value={form.contactPhone}
        onInput={(contactPhone) => set({ contactPhone })}
        placeholder='手机号或 0535-6301234'
        problem={problems.contactPhone}
      />
      <View className='field'>
        <View>队长（按名单填写；本人接受邀请后才能使用队长工作台）</View>
        {holders.map((l) => (
          <View key={l.name + (l.phone ?? '')} className='row' data-testid='leader-holder'>
            <Text className='grow'>{l.name}</Text>
            <Text className='tag tag-ok'>已开通</Text>
          </View>
        ))}
        {form.leaders.map((l, i) => (
          <View key={i} className='row gap field' data-testid='leader-row'>
            <Input
              className='input grow'
              value={l.name}
              maxlength={20}
              placeholder='姓名'
              onInput={(e) => setLeader(i, { name: e.detail.value })}
              aria-label={`队长${i + 1}姓名`}
            />
            <Input
              className='input grow'
              type='number'
              value={l.phone}
              maxlength={11}
              placeholder='手机号'
              onInput={(e) => setLeader(i, { phone: e.detail.value })}
              aria-label={`队长${i + 1}手机号`}
            />
            <Button className='btn' onClick={() => set({ leaders: form.leaders.filter((_l, j) => j !== i) })}>
              删除
            </Button>
          </View>
        ))}
        <Button className='btn field' onClick={() => set({ leaders: [...form.leaders, { name: '', phone: '' }] })}>
          添加队长
        </Button>
        <FieldProblem text={problems.leaders} />
      </View>
      <FormProblem text={problems.form} />
      <FormButtons busy={busy} saveText={team ? '保存修改' : '建好服务队'} onSave={save} onCancel={() => onDone(false)} />
      {team && (
        <ActiveSwitch
          what={`服务队“${team.name}”`}
          active={active}
          set={async (next, reason) => {
            const saved = await api.registry.setTeamActive({ teamId: team.id, active: next, reason });
            setActive(saved.active);
          }}
        />
      )}
    </View>
  );
}
