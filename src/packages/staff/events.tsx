import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { EVENT_TYPE_LABELS, EventSummary } from '../../../contract';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { formatChinaDateTime } from '../../format';
import { toApiError, useQuery } from '../../hooks/useQuery';
import { EVENT_STATUS_TEXT } from './eventStatus';

type Outcome = { ok: boolean; text: string };

/**
 * 社区活动: the staff member's community events that have not ended, with 编辑 / 发布 / 取消活动 and
 * the way to each one's 名单; 新建活动 at the bottom.
 */
export default function StaffEventsPage() {
  const events = useQuery(async () => {
    const me = await api.account.whoami({});
    const communityId = me.role === 'staff' ? me.user?.staffCommunityId : null;
    if (!communityId) return null;
    const page = await api.events.listUpcoming({ communityId, pageSize: 50 });
    return page.items;
  }, []);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  useDidShow(() => events.status === 'ready' && events.refresh());
  const items = events.data ?? [];

  const publish = async (e: EventSummary) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({
      title: '确认发布',
      content: `发布“${e.title}”？发布后居民就能看到并报名。`,
      confirmText: '发布',
      cancelText: '再想想',
      confirmColor: '#B3261E',
    });
    if (!confirm) return;
    setBusy(true);
    try {
      await api.events.publishEvent({ eventId: e.id });
      setOutcome({ ok: true, text: `✓ “${e.title}”已发布` });
      events.refresh();
    } catch (err) {
      setOutcome({ ok: false, text: toApiError(err).message });
    } finally {
      setBusy(false);
    }
  };

  const cancel = async (e: EventSummary, reason: string): Promise<boolean> => {
    if (busy) return false;
    const { confirm } = await Taro.showModal({
      title: '确认取消活动',
      content: `取消“${e.title}”？每位报名的居民都会收到通知，原因是：${reason}`,
      confirmText: '取消活动',
      cancelText: '再想想',
      confirmColor: '#B3261E',
    });
    if (!confirm) return false;
    setBusy(true);
    try {
      const { cancelledSignUps } = await api.events.cancelEvent({ eventId: e.id, reason });
      setOutcome({ ok: true, text: `✓ “${e.title}”已取消，已通知 ${cancelledSignUps} 个报名` });
      events.refresh();
      return true;
    } catch (err) {
      setOutcome({ ok: false, text: toApiError(err).message });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen>
      {outcome && (
        <View className={`card ${outcome.ok ? 'notice' : 'alert'}`} role={outcome.ok ? 'status' : 'alert'} data-testid='event-outcome'>
          {outcome.ok ? '' : '⚠️ '}
          {outcome.text}
        </View>
      )}
      <QueryView
        status={events.status}
        error={events.error}
        onRetry={events.reload}
        empty={events.data === null}
        emptyText='您还不是社区工作者。需要时请联系区管理员开通。'
        loadingText='正在读取本社区的活动…'
      >
        <View className='t-small'>本社区已发布、还没结束的活动，最近的在前。草稿不在这里列出：新建后请在编辑页直接“发布活动”。</View>
        {items.length === 0 && <View className='card t-small'>近期没有活动，可以点下面的“新建活动”</View>}
        {items.map((e) => (
          <EventRow key={e.id} event={e} busy={busy} onPublish={() => publish(e)} onCancel={(reason) => cancel(e, reason)} />
        ))}
        <Button className='btn btn-primary btn-block section-title' onClick={() => Taro.navigateTo({ url: '/packages/staff/event-edit' })}>
          新建活动
        </Button>
      </QueryView>
    </Screen>
  );
}

function EventRow({ event: e, busy, onPublish, onCancel }: { event: EventSummary; busy: boolean; onPublish: () => void; onCancel: (reason: string) => Promise<boolean> }) {
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
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
      <View className='row gap'>
        <Text className='tag'>{EVENT_TYPE_LABELS[e.type]}</Text>
        <Text className='t-title grow'>{e.title}</Text>
      </View>
      <View className={`tag ${e.status === 'published' ? 'tag-ok' : e.status === 'cancelled' ? 'tag-warn' : 'tag-accent'}`}>{EVENT_STATUS_TEXT[e.status]}</View>
      <View>{formatChinaDateTime(e.startAt)} 开始</View>
      <View className='t-small'>地点：{e.place.address}</View>
      <View className='t-small'>
        名额 {e.capacity} 人 · 剩余 {e.placesLeft} 人 · 报名截止 {formatChinaDateTime(e.deadline)}
      </View>
      <View className='row wrap gap section-title'>
        <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/roster?id=${e.id}` })}>
          名单
        </Button>
        {e.status !== 'cancelled' && (
          <Button className='btn grow' onClick={() => Taro.navigateTo({ url: `/packages/staff/event-edit?id=${e.id}` })}>
            编辑
          </Button>
        )}
        {e.status === 'draft' && (
          <Button className='btn grow' disabled={busy} onClick={onPublish}>
            发布
          </Button>
        )}
        {e.status !== 'cancelled' && !cancelling && (
          <Button className='btn grow' onClick={() => setCancelling(true)}>
            取消活动
          </Button>
        )}
      </View>
      {cancelling && (
        <View className='section-title' data-testid='cancel-event'>
          <View>取消原因（必填，每位报名的居民都会收到通知）</View>
          <Input className='input' value={reason} maxlength={100} placeholder='例如：天气原因，活动延期' onInput={(ev) => setReason(ev.detail.value)} aria-label='取消原因' />
          {problem && (
            <View className='tag-warn' role='alert'>
              ⚠️ {problem}
            </View>
          )}
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
