import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { Booking } from '../../../contract';
import { api } from '../../api/client';
import { LoadMore } from '../../components/LoadMore';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { Toggle } from '../../components/Toggle';
import { formatChinaDateTime, formatDate, formatSlot } from '../../format';
import { useAction } from '../../hooks/useAction';
import { usePagedQuery } from '../../hooks/useQuery';
import { confirmAction } from '../../confirm';
import { Icon } from '../../components/Icon';

/** At most this many bookings in one decision (the contract's limit). */
const MAX_PER_DECISION = 50;

interface DecisionResult {
  bookingId: string;
  ok: boolean;
  text: string;
}

/**
 * 待审核预约: bookings waiting for the community's approval, oldest first. Select one or several, then
 * 通过 or 不通过 (with a reason, which the residents are told); each booking's result is shown.
 */
export default function ApprovalsPage() {
  const queue = usePagedQuery((cursor) => api.booking.approvalQueue({ cursor, pageSize: 20 }), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState<DecisionResult[]>([]);
  const deciding = useAction(queue.refresh);
  const items = queue.items;
  const chosen = items.filter((b) => selected.includes(b.id));
  const allChosen = items.length > 0 && chosen.length === items.length;

  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  const decide = async (approve: boolean) => {
    if (deciding.busy) return;
    if (!chosen.length) return deciding.refuse('请先选择要审核的预约');
    if (chosen.length > MAX_PER_DECISION) return deciding.refuse(`一次最多审核 ${MAX_PER_DECISION} 个，请少选一些`);
    if (!approve && !reason.trim()) return deciding.refuse('请填写不通过的原因，居民会看到这个原因');
    deciding.clear();
    const confirmed = await confirmAction({
      title: approve ? '确认通过' : '确认不通过',
      content: approve
        ? `通过选中的 ${chosen.length} 个预约？居民会收到预约成功的通知。`
        : `不通过选中的 ${chosen.length} 个预约？居民会收到通知，原因是：${reason.trim()}`,
      confirmText: approve ? '通过' : '不通过',
    });
    if (!confirmed) return;
    await deciding.run(async () => {
      const { results } = await api.booking.decide({ bookingIds: chosen.map((b) => b.id), approve, reason: approve ? '' : reason.trim() });
      const byId = new Map<string, Booking>(chosen.map((b) => [b.id, b]));
      setOutcomes(
        results.map((r) => {
          const b = byId.get(r.bookingId);
          const who = b ? `${b.name}（${formatDate(b.date)} ${formatSlot(b)}）` : r.bookingId;
          const done = approve ? '已通过' : '已设为不通过';
          return { bookingId: r.bookingId, ok: r.ok, text: `${r.ok ? '✓' : '✕'} ${who}：${r.ok ? done : r.message || '没有办成'}` };
        }),
      );
      setSelected([]);
      if (!approve) setReason('');
    });
  };

  return (
    <Screen>
      {outcomes.length > 0 && (
        <View className='card notice' role='status' data-testid='decision-results'>
          <View className='t-title'>审核结果</View>
          {outcomes.map((o) => (
            <View key={o.bookingId} className={o.ok ? '' : 'tag-warn'} data-testid='decision-result'>
              {o.text}
            </View>
          ))}
        </View>
      )}
      <QueryView query={queue} empty={items.length === 0} emptyText='没有等待审核的预约' loadingText='正在读取待审核的预约…'>
        <View className='row'>
          <Text className='t-small grow'>
            最早提交的在前，共 {items.length} 个{queue.hasMore ? '（还有更多）' : ''}
          </Text>
        </View>
        <Toggle checked={allChosen} onChange={(on) => setSelected(on ? items.map((b) => b.id) : [])} testId='select-all'>
          {allChosen ? '已全选' : '全选'}（已选 {chosen.length} 个）
        </Toggle>
        {items.map((b) => (
          <View key={b.id} className={`card pick ${selected.includes(b.id) ? 'pick-on' : ''}`} data-testid='approval'>
            <Toggle checked={selected.includes(b.id)} onChange={(on) => toggle(b.id, on)}>
              <View className='t-title'>{b.name}</View>
              <View>电话 {b.phone}</View>
            </Toggle>
            <View>{b.teamName}</View>
            <View>
              {formatDate(b.date)} {formatSlot(b)}
            </View>
            <View className='t-small'>地点：{b.address}</View>
            <View className='t-small'>提交于 {formatChinaDateTime(b.createdAt)}</View>
          </View>
        ))}
        <LoadMore list={queue} />

        <View className='card section-title'>
          <View>不通过的原因（选“不通过”时必填）</View>
          <Input
            className='input'
            value={reason}
            maxlength={100}
            placeholder='例如：本次服务只面向本社区居民'
            onInput={(e) => setReason(e.detail.value)}
            aria-label='不通过的原因'
          />
        </View>
        {deciding.problem && (
          <View className='card alert' role='alert'>
            <Icon name='warning' />
            {deciding.problem}
          </View>
        )}
        <View className='row gap'>
          <Button className='btn grow' disabled={deciding.busy} onClick={() => decide(false)}>
            不通过（{chosen.length}）
          </Button>
          <BusyButton className='btn btn-primary grow' busy={deciding.busy} busyText='正在提交…' onClick={() => decide(true)}>
            通过（{chosen.length}）
          </BusyButton>
        </View>
      </QueryView>
    </Screen>
  );
}
