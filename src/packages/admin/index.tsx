import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Community, GRANTED_ROLES, GrantedRole, HeldRole, Role, ROLE_LABELS, RoleGrant, ROLES, User } from '../../../contract';
import { api, ApiError } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { confirmAction } from '../../confirm';
import { CommunityPicker } from '../../components/CommunityPicker';

/** 区管理: the district's users and their roles; an admin gives and takes back roles. */
export default function AdminWorkbench() {
  const [roleFilter, setRoleFilter] = useState<Role | undefined>();
  const [editing, setEditing] = useState<User | null>(null);
  const users = usePagedQuery((cursor) => api.account.listUsers({ role: roleFilter, cursor, pageSize: 20 }), [roleFilter]);
  const communities = useQuery(() => api.directory.listCommunities({}), []);
  return (
    <Screen>
      <View className='card row' role='button' data-testid='registry-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/registry' })}>
        <Text className='t-title grow'>辖区管理</Text>
        <Text className='t-small'>街道、社区、小区、服务队 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='import-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/import' })}>
        <Text className='t-title grow'>从 Excel 导入</Text>
        <Text className='t-small'>模板、预览、确认 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='changes-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/changes' })}>
        <Text className='t-title grow'>操作记录</Text>
        <Text className='t-small'>谁改了什么 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='approvals-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/approvals' })}>
        <Text className='t-title grow'>待审核预约（全区）</Text>
        <Text className='t-small'>›</Text>
      </View>
      <View className='card row' role='button' data-testid='stations-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/stations' })}>
        <Text className='t-title grow'>服务站管理（全区）</Text>
        <Text className='t-small'>›</Text>
      </View>
      <View className='card row' role='button' data-testid='coverage-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/coverage' })}>
        <Text className='t-title grow'>15分钟服务圈覆盖</Text>
        <Text className='t-small'>›</Text>
      </View>
      <ChoiceChips options={ROLES} labels={ROLE_LABELS} value={roleFilter} onChange={setRoleFilter} allLabel='全部' />
      <View className='section-title' />
      <QueryView status={users.status} error={users.error} onRetry={users.reload} empty={users.items.length === 0} emptyText='没有这类用户'>
        {users.items.map((u) =>
          editing?.openid === u.openid ? (
            <RoleEditor key={u.openid} user={u} communities={communities.data ?? []} onDone={(changed) => (setEditing(null), changed && users.reload())} />
          ) : (
            <View key={u.openid} className='card' data-testid='user-row'>
              <View className='t-title'>{u.name}</View>
              <View className='t-small'>手机 {u.phone}</View>
              {u.held.length === 0 && <View className='t-small'>{ROLE_LABELS.resident}</View>}
              {u.held.map((held) => (
                <View key={held.label} className='row' data-testid='held-role'>
                  <Text className='grow'>{held.label}</Text>
                  <Button className='btn' onClick={() => revoke(u, held).then((changed) => changed && users.reload())}>
                    撤销
                  </Button>
                </View>
              ))}
              <Button className='btn btn-block' onClick={() => setEditing(u)}>
                增加角色
              </Button>
            </View>
          ),
        )}
        <LoadMore list={users} />
      </QueryView>
    </Screen>
  );
}

/** Takes one role back after the admin confirms; whether it was taken. */
async function revoke(user: User, held: HeldRole): Promise<boolean> {
  const confirmed = await confirmAction({ title: '撤销角色', content: `撤销 ${user.name} 的“${held.label}”？`, confirmText: '撤销' });
  if (!confirmed) return false;
  try {
    await api.account.revokeRole({ openid: user.openid, grant: held.grant });
    Taro.showToast({ title: '已撤销', icon: 'success' });
    return true;
  } catch (err) {
    Taro.showToast({ title: err instanceof ApiError ? err.message : '撤销失败，请重试', icon: 'none' });
    return false;
  }
}

function RoleEditor({ user, communities, onDone }: { user: User; communities: Community[]; onDone: (changed: boolean) => void }) {
  const [role, setRole] = useState<GrantedRole>('staff');
  const [communityId, setCommunityId] = useState(user.communityId ?? '');
  const [teamId, setTeamId] = useState('');
  const [problem, setProblem] = useState('');
  const teams = useQuery(
    () => (communityId ? api.service.listTeams({ communityId, pageSize: 50 }) : Promise.resolve({ items: [], nextCursor: null })),
    [communityId],
  );
  const teamList = teams.data?.items ?? [];
  const teamIndex = teamList.findIndex((t) => t.id === teamId);

  const submit = async () => {
    const grant: RoleGrant = role === 'staff' ? { role, communityId } : role === 'leader' ? { role, teamId } : { role };
    if (role === 'staff' && !communityId) return setProblem('请选择社区');
    if (role === 'leader' && !teamId) return setProblem('请选择服务队');
    const confirmed = await confirmAction({ title: '确认增加', content: `让 ${user.name} 担任${ROLE_LABELS[role]}？`, confirmText: '增加' });
    if (!confirmed) return;
    try {
      await api.account.grantRole({ openid: user.openid, grant });
      Taro.showToast({ title: '已增加', icon: 'success' });
      onDone(true);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '增加失败，请重试');
    }
  };

  return (
    <View className='card'>
      <View className='t-title'>给 {user.name} 增加角色</View>
      <View className='section-title'>
        <ChoiceChips options={GRANTED_ROLES} labels={ROLE_LABELS} value={role} onChange={(r) => r && setRole(r)} />
      </View>
      {(role === 'staff' || role === 'leader') && (
        <CommunityPicker communities={communities} value={communityId} onChange={(id) => id && setCommunityId(id)} label='社区' />
      )}
      {role === 'leader' && (
        <Picker
          mode='selector'
          range={teamList.map((t) => t.name)}
          value={Math.max(0, teamIndex)}
          onChange={(e) => setTeamId(teamList[Number(e.detail.value)].id)}
        >
          <View className='input row' style='margin-top: 12px'>
            <Text className='grow'>服务队：{teamIndex >= 0 ? teamList[teamIndex].name : teams.status === 'loading' ? '加载中…' : '请选择'}</Text>
          </View>
        </Picker>
      )}
      {problem && <View className='tag-warn'>⚠️ {problem}</View>}
      <View className='row gap section-title'>
        <Button className='btn grow' onClick={() => onDone(false)}>
          取消
        </Button>
        <Button className='btn btn-primary grow' onClick={submit}>
          确认
        </Button>
      </View>
    </View>
  );
}
