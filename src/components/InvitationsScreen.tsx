import { Button, Image, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useMemo, useState } from 'react';
import {
  Community,
  GRANTED_ROLES,
  GrantedRole,
  Invitation,
  INVITATION_STATE_LABELS,
  readableInvitationCode,
  ROLE_LABELS,
  RoleGrant,
  TeamSummary,
} from '../../contract';
import { BusyButton } from './BusyButton';
import { api } from '../api/client';
import { confirmAction } from '../confirm';
import { formatChinaDateTime } from '../format';
import { useAction } from '../hooks/useAction';
import { usePagedQuery, useQuery } from '../hooks/useQuery';
import { inviteLink } from '../links';
import { ChoiceChips } from './ChoiceChips';
import { CommunityPicker } from './CommunityPicker';
import { LoadMore } from './LoadMore';
import { OutcomeNotice } from './OutcomeNotice';
import { QueryView } from './QueryView';
import { Screen } from './Screen';
import { Icon } from './Icon';

/** Validity and uses offered as chips: few choices, large targets (the function takes 1–30 days, 1–50 uses). */
const VALIDITY = ['1', '3', '7', '14', '30'] as const;
const USES = ['1', '3', '10', '50'] as const;
const VALIDITY_LABELS = Object.fromEntries(VALIDITY.map((d) => [d, `${d} 天`])) as Record<(typeof VALIDITY)[number], string>;
const USES_LABELS = Object.fromEntries(USES.map((n) => [n, n === '1' ? '1 人' : `${n} 人`])) as Record<(typeof USES)[number], string>;

/**
 * 邀请: make an invitation (role, its team or community, validity, how many people), show its QR code and
 * code once, and list the invitations of one's scope with their state, to take one back. Admins invite
 * any role; staff leaders of their communities' teams (`forStaff`).
 */
export function InvitationsScreen({ forStaff }: { forStaff: boolean }) {
  const [made, setMade] = useState<{ code: string; invitation: Invitation } | null>(null);
  const list = usePagedQuery((cursor) => api.invitations.list({ cursor, pageSize: 20 }), []);
  const revoking = useAction(() => list.refresh());

  const revoke = async (item: Invitation) => {
    const confirmed = await confirmAction({ title: '撤销邀请', content: `撤销“${item.roleLabel}”的邀请？撤销后这个邀请码就不能再用了。`, confirmText: '撤销' });
    if (!confirmed) return;
    await revoking.run(async () => {
      await api.invitations.revoke({ invitationId: item.id });
      return '已撤销这个邀请，邀请码不能再用了';
    });
  };

  if (made) return <MadeInvitation made={made} onDone={() => (setMade(null), list.refresh())} />;
  return (
    <Screen>
      <NewInvitation forStaff={forStaff} onMade={setMade} />
      <View className='t-title section-title'>已发出的邀请</View>
      <OutcomeNotice outcome={revoking.outcome} testId='revoke-outcome' />
      <QueryView query={list} empty={list.items.length === 0} emptyText='还没有发出邀请。在上面选好角色，生成邀请码。'>
        {list.items.map((item) => (
          <View key={item.id} className='card' data-testid='invitation-row'>
            <View className='row'>
              <Text className='t-title grow'>{item.roleLabel}</Text>
              <Text className={`tag ${item.state === 'valid' ? 'tag-ok' : ''}`}>{INVITATION_STATE_LABELS[item.state]}</Text>
            </View>
            <View className='t-small'>
              {item.invitedBy.name} 发出于 {formatChinaDateTime(item.createdAt)}，有效期至 {formatChinaDateTime(item.expiresAt)}
            </View>
            <View className='t-small'>
              已用 {item.uses.length} / {item.maxUses} 人{item.uses.length ? `：${item.uses.map((u) => u.name).join('、')}` : ''}
            </View>
            {item.state === 'valid' && (
              <Button className='btn' disabled={revoking.busy} onClick={() => revoke(item)}>
                撤销
              </Button>
            )}
          </View>
        ))}
        <LoadMore list={list} />
      </QueryView>
    </Screen>
  );
}

function NewInvitation({ forStaff, onMade }: { forStaff: boolean; onMade: (made: { code: string; invitation: Invitation }) => void }) {
  const [role, setRole] = useState<GrantedRole>('leader');
  const [communityId, setCommunityId] = useState<string | undefined>();
  const [teamId, setTeamId] = useState('');
  const [validDays, setValidDays] = useState<(typeof VALIDITY)[number]>('7');
  const [maxUses, setMaxUses] = useState<(typeof USES)[number]>('1');
  const creating = useAction();
  // Staff choose among their own communities; admins among all.
  const places = useQuery(async () => {
    const [me, communities] = await Promise.all([api.account.whoami({}), api.directory.listCommunities({})]);
    return forStaff ? communities.filter((c) => me.roles.staffOf.includes(c.id)) : communities;
  }, [forStaff]);
  const communities: Community[] = places.data ?? [];
  const chosenCommunity = communityId ?? (communities.length === 1 ? communities[0].id : undefined);
  const teams = useQuery(
    () =>
      chosenCommunity && role === 'leader'
        ? api.service.listTeams({ communityId: chosenCommunity, pageSize: 50 })
        : Promise.resolve({ items: [], nextCursor: null }),
    [chosenCommunity, role],
  );
  const teamList: TeamSummary[] = teams.data?.items ?? [];
  const teamIndex = teamList.findIndex((t) => t.id === teamId);

  const create = async () => {
    if (role !== 'admin' && !chosenCommunity) return creating.refuse('请选择社区');
    if (role === 'leader' && teamIndex < 0) return creating.refuse('请选择服务队');
    const grant: RoleGrant = role === 'leader' ? { role, teamId } : role === 'staff' ? { role, communityId: chosenCommunity! } : { role };
    await creating.run(async () => onMade(await api.invitations.create({ grant, validDays: Number(validDays), maxUses: Number(maxUses) })));
  };

  return (
    <QueryView query={places}>
      <View className='card' data-testid='new-invitation'>
        <View className='t-title'>邀请谁来担任</View>
        {forStaff ? (
          <View>{ROLE_LABELS.leader}（本社区的服务队）</View>
        ) : (
          <ChoiceChips options={GRANTED_ROLES} labels={ROLE_LABELS} value={role} onChange={(r) => r && (setRole(r), creating.clear())} />
        )}
        {role !== 'admin' && (
          <>
            <View className='t-title section-title'>社区</View>
            <CommunityPicker communities={communities} value={chosenCommunity} onChange={(id) => (setCommunityId(id), setTeamId(''))} label='社区' />
          </>
        )}
        {role === 'leader' && (
          <>
            <View className='t-title section-title'>服务队</View>
            <Picker
              mode='selector'
              range={teamList.map((t) => t.name)}
              value={Math.max(0, teamIndex)}
              onChange={(e) => setTeamId(teamList[Number(e.detail.value)]?.id ?? '')}
            >
              <View className='input' aria-label='服务队'>
                {teamIndex >= 0
                  ? teamList[teamIndex].name
                  : !chosenCommunity
                    ? '请先选择社区'
                    : teams.status === 'loading'
                      ? '加载中…'
                      : teamList.length
                        ? '请选择服务队'
                        : '这个社区还没有服务队'}{' '}
                ▾
              </View>
            </Picker>
          </>
        )}
        <View className='t-title section-title'>有效期</View>
        <ChoiceChips options={VALIDITY} labels={VALIDITY_LABELS} value={validDays} onChange={(d) => d && setValidDays(d)} />
        <View className='t-title section-title'>可以用几次</View>
        <ChoiceChips options={USES} labels={USES_LABELS} value={maxUses} onChange={(n) => n && setMaxUses(n)} />
        {creating.problem && (
          <View className='alert' role='alert'>
            <Icon name='warning' />
            {creating.problem}
          </View>
        )}
        <BusyButton className='btn btn-primary btn-block' busy={creating.busy} busyText='正在生成…' onClick={create}>
          生成邀请码
        </BusyButton>
      </View>
    </QueryView>
  );
}

/** The invitation just made: its QR code (big) and its code (large), shown this once. */
function MadeInvitation({ made, onDone }: { made: { code: string; invitation: Invitation }; onDone: () => void }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(inviteLink(made.code));
    qr.make();
    return qr.createDataURL(8, 4);
  }, [made.code]);
  const { invitation } = made;
  return (
    <Screen>
      <View className='card' data-testid='made-invitation'>
        <View className='t-small'>邀请担任</View>
        <View className='t-title'>{invitation.roleLabel}</View>
        <View className='qr-box'>
          <Image className='qr' src={src} mode='aspectFit' aria-label='邀请二维码' style='width: 280px; height: 280px' />
        </View>
        <View className='t-small'>请对方用微信扫一扫，或在“我的 → 输入邀请码”里输入：</View>
        <View data-testid='invitation-code' style='font-size: 40px; font-weight: bold; letter-spacing: 6px; text-align: center; margin: 12px 0'>
          {readableInvitationCode(made.code)}
        </View>
        <View className='t-small'>
          有效期至 {formatChinaDateTime(invitation.expiresAt)}，可以用 {invitation.maxUses} 次。
        </View>
        <View className='alert t-small'>邀请码只在这里显示这一次，请现在发出或截图保存。</View>
        <Button className='btn btn-block' onClick={() => Taro.setClipboardData({ data: made.code })}>
          复制邀请码
        </Button>
        <Button className='btn btn-primary btn-block' onClick={onDone}>
          完成
        </Button>
      </View>
    </Screen>
  );
}
