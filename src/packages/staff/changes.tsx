import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ChangeEntry } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { formatInChina } from '../../../rules/china-time';
import { usePagedQuery } from '../../hooks/useQuery';

/** 操作记录 (district admins): every privileged change, newest first; narrowed to one person, one kind of object, or one object. */

const KINDS = ['districts', 'streets', 'communities', 'compounds', 'teams', 'stations', 'users'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABELS: Record<Kind, string> = {
  districts: '区',
  streets: '街道',
  communities: '社区',
  compounds: '小区',
  teams: '服务队',
  stations: '服务站',
  users: '人员角色',
};

export const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  code: '代码',
  active: '在用',
  districtId: '所属区',
  streetId: '所属街道',
  communityId: '所属社区',
  location: '位置',
  households: '户数',
  serviceClass: '服务类别',
  description: '介绍',
  services: '服务内容',
  contactPhone: '联系电话',
  leaders: '队长',
  roles: '角色',
  level: '级别',
  address: '地址',
  phone: '电话',
  openingHours: '开放时间',
  exceptions: '特殊安排',
};

const ACTION_LABELS: Record<string, string> = {
  'registry.deactivate': '停用',
  'registry.activate': '启用',
  'registry.updateTeamProfile': '修改介绍和电话',
  'stations.create': '新建',
  'stations.update': '修改',
  'stations.deactivate': '停用',
  'stations.activate': '启用',
};

function actionLabel(entry: ChangeEntry): string {
  if (ACTION_LABELS[entry.action]) return ACTION_LABELS[entry.action];
  if (entry.action.startsWith('registry.save')) return entry.changes.some((c) => c.before !== '（空）') ? '修改' : '新建';
  return entry.kind === 'users' ? '角色变动' : '修改';
}

export default function ChangesPage() {
  const [kind, setKind] = useState<Kind | undefined>();
  const [actor, setActor] = useState<{ openid: string; name: string } | null>(null);
  const [target, setTarget] = useState<{ id: string; name: string } | null>(null);
  const changes = usePagedQuery(
    (cursor) => api.registry.listChanges({ kind, target: target?.id, actor: actor?.openid, cursor, pageSize: 20 }),
    [kind, target?.id, actor?.openid],
  );
  const chooseKind = (next: Kind | undefined) => (setKind(next), setTarget(null));
  return (
    <Screen>
      <Text className='t-h1'>操作记录</Text>
      <View className='t-small'>谁在什么时候改了什么，最新的在前面。</View>
      <View className='section-title'>
        <ChoiceChips options={KINDS} labels={KIND_LABELS} value={kind} onChange={chooseKind} allLabel='全部' />
      </View>
      {(actor || target) && (
        <View className='card' data-testid='filters'>
          {actor && (
            <View className='row'>
              <Text className='grow'>只看：{actor.name || actor.openid} 的操作</Text>
              <Button className='btn' onClick={() => setActor(null)}>
                取消
              </Button>
            </View>
          )}
          {target && (
            <View className='row'>
              <Text className='grow'>只看：{target.name || target.id}</Text>
              <Button className='btn' onClick={() => setTarget(null)}>
                取消
              </Button>
            </View>
          )}
        </View>
      )}
      <QueryView query={changes} empty={changes.items.length === 0} emptyText='没有符合条件的记录' loadingText='正在读取操作记录…'>
        {changes.items.map((e) => (
          <View key={e.id} className='card' data-testid='change-row'>
            <View className='row'>
              <Text className='tag'>{KIND_LABELS[e.kind as Kind] ?? e.kind}</Text>
              <Text className='t-title grow'>
                {actionLabel(e)} {e.targetName}
              </Text>
            </View>
            <View className='t-small'>
              {formatInChina(new Date(e.at), 'YYYY年M月D日 HH:mm')} · {e.actorName || e.actor}
            </View>
            {e.reason && <View>原因：{e.reason}</View>}
            {e.changes.map((c) => (
              <View key={c.field} className='t-small'>
                {FIELD_LABELS[c.field] ?? c.field}：{c.before} → {c.after}
              </View>
            ))}
            <View className='row gap field'>
              {!actor && (
                <Button className='btn grow' onClick={() => setActor({ openid: e.actor, name: e.actorName })}>
                  只看此人
                </Button>
              )}
              {!target && (
                <Button className='btn grow' onClick={() => (setKind(e.kind as Kind), setTarget({ id: e.target, name: e.targetName }))}>
                  只看此对象
                </Button>
              )}
            </View>
          </View>
        ))}
        <LoadMore list={changes} />
      </QueryView>
    </Screen>
  );
}
