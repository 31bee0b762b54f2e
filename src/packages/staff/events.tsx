import { Button, Input, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { STAFF_EVENT_STATE_LABELS, STAFF_EVENT_STATES, StaffEvent, StaffEventState } from '../../../contract';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { CommunityPicker } from '../../components/CommunityPicker';
import { FieldProblem } from '../../components/FieldProblem';
import { OutcomeNotice } from '../../components/OutcomeNotice';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { VirtualFeed } from '../../components/VirtualFeed';
import { formatChinaDateTime } from '../../format';
import { useAction } from '../../hooks/useAction';
import { usePagedQuery, useQuery } from '../../hooks/useQuery';
import { confirmPublish } from './confirmPublish';
import { EventLines } from './EventLines';
import { confirmAction } from '../../confirm';
import { chosenCommunityStore } from '../../stores/scope';

/**
 * 社区活动: every event of a community, drafts and cancelled ones too, filtered by state (草稿 /
 * 已发布 / 已取消 / 已结束): those not yet ended soonest first, then the ended ones latest first, 20
 * at a time. Each with 名单, 编辑, 发布 and 取消活动 as its state allows; 新建活动 at the bottom.
 * Staff see their own community; admins choose one.
 */
export default function StaffEventsPage() {
  const me = useQuery(() => api.account.whoami({}), []);
  const isAdmin = me.data?.roles.admin === true;
  const communities = useQuery(() => (isAdmin ? api.directory.listCommunities({}) : Promise.resolve([])), [isAdmin]);
  const [communityId, setCommunityId] = useState<string | undefined>();
  const onWorkbench = chosenCommunityStore.use() ?? undefined;
  return (
    <Screen>
      {/* Without an answer on who this is, the list is asked for as staff: the function says if it refuses. */}
      <QueryView query={{ ...me, status: me.status === 'loading' ? 'loading' : 'ready' }}>
        {isAdmin ? (
          <>
            <CommunityPicker communities={communities.data ?? []} value={communityId} onChange={setCommunityId} />
            {communityId ? <CommunityEvents communityId={communityId} /> : <View className='state'>请先选择要查看的社区</View>}
          </>
        ) : (
          // The community chosen on the workbench, for staff of several (else the function takes theirs).
          <CommunityEvents communityId={onWorkbench} />
        )}
      </QueryView>
    </Screen>
  );
}

function CommunityEvents({ communityId }: { communityId?: string }) {
  const [state, setState] = useState<StaffEventState | undefined>(undefined);
  const events = usePagedQuery((cursor) => api.events.communityEvents({ communityId, state, cursor, pageSize: 20 }), [communityId, state]);
  const { busy, outcome, run } = useAction(events.refresh);
  useDidShow(() => events.status === 'ready' && events.refresh());

  const publish = async (e: StaffEvent) => {
    if (busy) return;
    if (!(await confirmPublish(e.title))) return;
    await run(async () => {
      await api.events.publishEvent({ eventId: e.id });
      return `✓ “${e.title}”已发布`;
    });
  };

  const cancel = async (e: StaffEvent, reason: string): Promise<boolean> => {
    if (busy) return false;
    const confirmed = await confirmAction({
      title: '确认取消活动',
      content: `取消“${e.title}”？每位报名的居民都会收到通知，原因是：${reason}`,
      confirmText: '取消活动',
    });
    if (!confirmed) return false;
    return run(async () => {
      const { cancelledSignUps, allTold } = await api.events.cancelEvent({ eventId: e.id, reason });
      // A big event's sign-ups are told by a background job: the rest follow within minutes.
      return `✓ “${e.title}”已取消，已通知 ${cancelledSignUps} 个报名${allTold ? '' : '，其余报名几分钟内都会收到通知'}`;
    });
  };

  return (
    <>
      <View className='t-small'>按状态查看：</View>
      <ChoiceChips options={STAFF_EVENT_STATES} labels={STAFF_EVENT_STATE_LABELS} value={state} onChange={setState} allLabel='全部' />
      <OutcomeNotice outcome={outcome} testId='event-outcome' />
      <QueryView
        query={events}
        empty={events.items.length === 0}
        emptyText={state ? `没有${STAFF_EVENT_STATE_LABELS[state]}的活动，可以点“全部”看看` : '本社区还没有活动，可以点下面的“新建活动”'}
        loadingText='正在读取本社区的活动…'
      >
        <View className='t-small'>还没结束的在前（最近的在最上面），已结束的在后。</View>
        <VirtualFeed
          list={events}
          renderItem={(e) => <EventRow event={e} busy={busy} onPublish={() => publish(e)} onCancel={(reason) => cancel(e, reason)} />}
        />
      </QueryView>
      <Button
        className='btn btn-primary btn-block section-title'
        onClick={() => Taro.navigateTo({ url: `/packages/staff/event-edit${communityId ? `?communityId=${communityId}` : ''}` })}
      >
        新建活动
      </Button>
    </>
  );
}

function EventRow({
  event: e,
  busy,
  onPublish,
  onCancel,
}: {
  event: StaffEvent;
  busy: boolean;
  onPublish: () => void;
  onCancel: (reason: string) => Promise<boolean>;
}) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  // A cancelled or ended event is kept for its roster; it is no longer changed.
  const live = e.state === 'draft' || e.state === 'published';
  const confirmCancel = async () => {
    if (!reason.trim()) return setProblem('请填写取消原因，会通知到每位报名的居民');
    setProblem('');
    if (await onCancel(reason.trim())) {
      setCancelling(false);
      setReason('');
    }
  };
  return (
    <View className='card' data-testid='staff-event'>
      <EventLines event={e} state={e.state} />
      <View className='t-small'>
        名额 {e.capacity} 人 · 剩余 {e.placesLeft} 人{e.waitlisted > 0 ? ` · 候补 ${e.waitlisted} 份` : ''} · 报名截止 {formatChinaDateTime(e.deadline)}
      </View>
      <View className='row wrap gap section-title'>
        <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/roster?id=${e.id}` })}>
          名单
        </Button>
        {live && (
          <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/event-edit?id=${e.id}` })}>
            编辑
          </Button>
        )}
        {e.status === 'draft' && (
          <Button className='btn grow' disabled={busy} onClick={onPublish}>
            发布
          </Button>
        )}
        {live && !cancelling && (
          <Button className='btn grow' onClick={() => setCancelling(true)}>
            取消活动
          </Button>
        )}
      </View>
      {cancelling && (
        <View className='section-title' data-testid='cancel-event'>
          <View>取消原因（必填，每位报名的居民都会收到通知）</View>
          <Input
            className='input'
            value={reason}
            maxlength={100}
            placeholder='例如：天气原因，活动延期'
            onInput={(ev) => setReason(ev.detail.value)}
            aria-label='取消原因'
          />
          <FieldProblem text={problem} />
          <View className='row gap section-title'>
            <Button className='btn grow' onClick={() => (setCancelling(false), setProblem(''))}>
              不取消了
            </Button>
            <Button className='btn grow' disabled={busy} onClick={confirmCancel}>
              确认取消活动
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
