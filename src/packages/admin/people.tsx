import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Community, GRANTED_ROLES, GrantedRole, HeldRole, ROLE_LABELS, RoleGrant, User } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { confirmAction } from '../../confirm';
import { useAction } from '../../hooks/useAction';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { Icon } from '../../components/Icon';

/**
 * 人员与角色: find a person by name, whole phone number or its last 4 digits, see their roles, and take one
 * back (admins any role, staff the leaders of their communities' teams); admins also give roles here.
 * Staff find the people of their own communities, numbers masked; admins anyone, numbers whole.
 */
export default function PeoplePage() {
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const me = useQuery(async () => {
    const who = await api.account.whoami({});
    const [communities, teamPages] = await Promise.all([
      who.roles.admin ? api.directory.listCommunities({}) : Promise.resolve([] as Community[]),
      Promise.all(who.roles.staffOf.map((communityId) => api.service.listTeams({ communityId, pageSize: 50 }))),
    ]);
    return { roles: who.roles, communities, ownTeams: new Set(teamPages.flatMap((p) => p.items.map((t) => t.id))) };
  }, []);
  const people = usePagedQuery(
    (cursor) => (keyword ? api.account.searchPeople({ keyword, cursor, pageSize: 20 }) : Promise.resolve({ items: [] as User[], nextCursor: null })),
    [keyword],
  );
  // Taking a role back: confirmed first, told by a toast (the row is gone, or stays with the reason).
  const revoking = useAction(people.reload);
  const revoke = async (user: User, held: HeldRole) => {
    if (revoking.busy) return;
    const confirmed = await confirmAction({ title: '撤销角色', content: `撤销 ${user.name} 的“${held.label}”？`, confirmText: '撤销' });
    if (!confirmed) return;
    await revoking.run(
      async () => {
        await api.account.revokeRole({ openid: user.openid, grant: held.grant });
        Taro.showToast({ title: '已撤销', icon: 'success' });
      },
      (refusal) => Taro.showToast({ title: refusal.message, icon: 'none' }),
    );
  };
  const admin = me.data?.roles.admin ?? false;
  const mayRevoke = (held: HeldRole) => admin || (held.grant.role === 'leader' && (me.data?.ownTeams.has(held.grant.teamId) ?? false));

  return (
    <Screen>
      <QueryView query={me}>
        <View className='card'>
          <View className='t-title'>查找人员</View>
          <View className='t-small'>
            {admin ? '输入姓名的开头、完整手机号或手机号后 4 位' : '可以查找本社区登记的居民：输入姓名的开头、完整手机号或手机号后 4 位'}
          </View>
          <Input
            className='input'
            value={typed}
            maxlength={20}
            placeholder='例如 王 或 5678'
            confirmType='search'
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => setKeyword(typed.trim())}
            aria-label='姓名或手机号'
          />
          <Button className='btn btn-primary btn-block' onClick={() => setKeyword(typed.trim())}>
            查找
          </Button>
        </View>
        {keyword ? (
          <QueryView query={people} empty={people.items.length === 0} emptyText={`没有找到“${keyword}”。还没有登记的人，可以发邀请码给他。`}>
            {people.items.map((u) =>
              editing === u.openid && me.data ? (
                <RoleEditor key={u.openid} user={u} communities={me.data.communities} onDone={(changed) => (setEditing(null), changed && people.reload())} />
              ) : (
                <View key={u.openid} className='card' data-testid='user-row'>
                  <View className='t-title'>{u.name}</View>
                  <View className='t-small'>手机 {u.phone}</View>
                  {u.held.length === 0 && <View className='t-small'>{ROLE_LABELS.resident}</View>}
                  {u.held.map((held) => (
                    <View key={held.label} className='row' data-testid='held-role'>
                      <Text className='grow'>{held.label}</Text>
                      {mayRevoke(held) && (
                        <Button className='btn' disabled={revoking.busy} onClick={() => revoke(u, held)}>
                          撤销
                        </Button>
                      )}
                    </View>
                  ))}
                  {admin && (
                    <Button className='btn btn-block' onClick={() => setEditing(u.openid)}>
                      增加角色
                    </Button>
                  )}
                </View>
              ),
            )}
            <LoadMore list={people} />
          </QueryView>
        ) : null}
      </QueryView>
    </Screen>
  );
}

function RoleEditor({ user, communities, onDone }: { user: User; communities: Community[]; onDone: (changed: boolean) => void }) {
  const [role, setRole] = useState<GrantedRole>('staff');
  const [communityId, setCommunityId] = useState(user.communityId ?? '');
  const [teamId, setTeamId] = useState('');
  const granting = useAction(() => onDone(true));
  const teams = useQuery(
    () => (communityId ? api.service.listTeams({ communityId, pageSize: 50 }) : Promise.resolve({ items: [], nextCursor: null })),
    [communityId],
  );
  const teamList = teams.data?.items ?? [];
  const teamIndex = teamList.findIndex((t) => t.id === teamId);

  const submit = async () => {
    const grant: RoleGrant = role === 'staff' ? { role, communityId } : role === 'leader' ? { role, teamId } : { role };
    if (granting.busy) return;
    if (role === 'staff' && !communityId) return granting.refuse('请选择社区');
    if (role === 'leader' && !teamId) return granting.refuse('请选择服务队');
    const confirmed = await confirmAction({ title: '确认增加', content: `让 ${user.name} 担任${ROLE_LABELS[role]}？`, confirmText: '增加' });
    if (!confirmed) return;
    await granting.run(async () => {
      await api.account.grantRole({ openid: user.openid, grant });
      Taro.showToast({ title: '已增加', icon: 'success' });
    });
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
      {granting.problem && (
        <View className='tag-warn'>
          <Icon name='warning' />
          {granting.problem}
        </View>
      )}
      <View className='row gap section-title'>
        <Button className='btn grow' onClick={() => onDone(false)}>
          取消
        </Button>
        <BusyButton className='btn btn-primary grow' busy={granting.busy} busyText='正在提交…' onClick={submit}>
          确认
        </BusyButton>
      </View>
    </View>
  );
}
