import { Button, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Community, Role, ROLE_LABELS, ROLES, User } from '../../../contract';
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
              <View className='row'>
                <Text className='t-title grow'>{u.name}</Text>
                <Text className='tag tag-accent'>{ROLE_LABELS[u.role]}</Text>
              </View>
              <View className='t-small'>手机 {u.phone}</View>
              <Button className='btn btn-block' onClick={() => setEditing(u)}>
                调整角色
              </Button>
            </View>
          ),
        )}
        <LoadMore list={users} />
      </QueryView>
    </Screen>
  );
}

function RoleEditor({ user, communities, onDone }: { user: User; communities: Community[]; onDone: (changed: boolean) => void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [communityId, setCommunityId] = useState(user.staffCommunityId ?? user.communityId ?? '');
  const [teamId, setTeamId] = useState(user.leaderTeamId ?? '');
  const [problem, setProblem] = useState('');
  const teams = useQuery(
    () => (communityId ? api.service.listTeams({ communityId, pageSize: 50 }) : Promise.resolve({ items: [], nextCursor: null })),
    [communityId],
  );
  const teamList = teams.data?.items ?? [];
  const teamIndex = teamList.findIndex((t) => t.id === teamId);

  const submit = async () => {
    const assignment =
      role === 'staff' ? { openid: user.openid, role, communityId } : role === 'leader' ? { openid: user.openid, role, teamId } : { openid: user.openid, role };
    if (role === 'staff' && !communityId) return setProblem('请选择社区');
    if (role === 'leader' && !teamId) return setProblem('请选择服务队');
    const confirmed = await confirmAction({ title: '确认调整', content: `把 ${user.name} 设为${ROLE_LABELS[role]}？`, confirmText: '调整' });
    if (!confirmed) return;
    try {
      await api.account.assignRole(assignment);
      Taro.showToast({ title: '已调整', icon: 'success' });
      onDone(true);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '调整失败，请重试');
    }
  };

  return (
    <View className='card'>
      <View className='t-title'>调整 {user.name} 的角色</View>
      <View className='section-title'>
        <ChoiceChips options={ROLES} labels={ROLE_LABELS} value={role} onChange={(r) => r && setRole(r)} />
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
