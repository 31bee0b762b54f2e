import { BusyButton } from '../../components/BusyButton';
import { CheckInPanel } from '../../components/CheckInPanel';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { DISH_KINDS, DISH_KIND_LABELS, SIGN_UP_STATUS_LABELS, STALL_KINDS, STALL_KIND_LABELS, SignUp, SignUpStatus } from '../../../contract';
import { api } from '../../api/client';
import { FieldProblem } from '../../components/FieldProblem';
import { OutcomeNotice } from '../../components/OutcomeNotice';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { VirtualList } from '../../components/VirtualFeed';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { saveFileWithFeedback } from '../../platform/saveFile';
import { EventLines } from './EventLines';
import { confirmAction } from '../../confirm';

const STATUS_SYMBOL: Record<SignUpStatus, string> = { pending: '…', confirmed: '○', waitlisted: '○', rejected: '✕', cancelled: '✕', attended: '✓' };
const KIND_TEXT = { visitor: '参观', stall: '摊位', household: '家庭' } as const;

function describe(s: SignUp): string {
  if (s.kind === 'stall' && s.stall) return `摊位：${STALL_KIND_LABELS[s.stall.kind]} · ${s.stall.description}`;
  if (s.kind === 'household' && s.dish) return `${s.headcount} 人 · 带${DISH_KIND_LABELS[s.dish.kind]}：${s.dish.name}`;
  return `${s.headcount} 人`;
}

function statusText(s: SignUp): string {
  const base = `${STATUS_SYMBOL[s.status]} ${SIGN_UP_STATUS_LABELS[s.status]}`;
  return s.status === 'waitlisted' && s.waitlistPosition ? `${base}第 ${s.waitlistPosition} 位` : base;
}

/**
 * An event's 名单 for staff: totals, pending sign-ups to review (stall applications, and visitors or
 * households when the event needs approval: 通过 / 不通过 with a reason), the
 * dishes or stalls kind by kind, every sign-up with full phone, and check-in by scan (weapp), typed
 * code (h5) or tap.
 */
export default function RosterPage() {
  const { params } = useRouter();
  const eventId = params.id ?? '';
  const roster = useQuery(() => api.events.roster({ eventId }), [eventId]);
  const { busy, outcome, run } = useAction(roster.refresh);
  // Its own action: the export's feedback is the file (or a toast), and check-in stays open meanwhile.
  const exporting = useAction();
  useDidShow(() => roster.status === 'ready' && roster.refresh());
  const r = roster.data;

  const checkIn = (input: { code: string } | { signUpId: string }) =>
    run(async () => {
      const s = await api.events.checkIn({ eventId, ...input });
      return `✓ ${s.name} 已签到（${describe(s)}）`;
    });

  const review = async (s: SignUp, approve: boolean, reason: string) => {
    const what = s.kind === 'stall' ? '摊位申请' : '报名';
    const confirmed = await confirmAction({
      title: approve ? '确认通过' : '确认不通过',
      content: approve ? `通过 ${s.name} 的${what}？居民会收到通知。` : `不通过 ${s.name} 的${what}？居民会收到通知，原因是：${reason}`,
      confirmText: approve ? '通过' : '不通过',
    });
    if (!confirmed) return false;
    return run(async () => {
      await api.events.reviewSignUp({ signUpId: s.id, approve, reason: approve ? '' : reason });
      return approve ? `✓ 已通过 ${s.name} 的${what}` : `已设为不通过：${s.name} 的${what}`;
    });
  };

  const exportExcel = () =>
    exporting.run(async () => {
      await saveFileWithFeedback(() => api.events.exportRoster({ eventId }), '正在生成名单表格…');
    });

  const pending = r?.signUps.filter((s) => s.status === 'pending') ?? [];
  const canCheckIn = r?.event.status === 'published';

  return (
    <Screen>
      <QueryView query={roster} loadingText='正在读取名单…'>
        {r && (
          <>
            <EventLines event={r.event} large />
            <View className='card' data-testid='roster-summary'>
              <View>
                报名 {r.totals.signUps} 份，共 {r.totals.people} 人 · 已签到 {r.totals.attended} 份
              </View>
              <View className='t-small'>
                名额 {r.event.capacity} 人 · 剩余 {r.event.placesLeft} 人 · 候补 {r.totals.waitlisted} 份
                {r.event.type === 'market' ? ` · 摊位 ${r.totals.stalls} 个` : ''}
              </View>
              <BusyButton className='btn btn-block section-title' busy={exporting.busy} busyText='正在导出…' onClick={exportExcel} data-testid='export-roster'>
                导出 Excel
              </BusyButton>
              <View className='t-small'>{process.env.TARO_ENV === 'weapp' ? '导出后在右上角菜单里转发给同事或保存到手机。' : '导出的表格会下载到本机。'}</View>
            </View>

            <OutcomeNotice outcome={outcome} testId='roster-outcome' />

            {pending.length > 0 && (
              <View className='card' data-testid='signup-reviews'>
                <View className='t-title'>待审核的报名（{pending.length}）</View>
                {pending.map((s) => (
                  <SignUpReview key={s.id} signUp={s} busy={busy} onReview={(approve, reason) => review(s, approve, reason)} />
                ))}
              </View>
            )}

            {r.event.stalls && (
              <View className='card' data-testid='kind-counts'>
                <View className='t-title'>摊位（按类）</View>
                {STALL_KINDS.filter((k) => r.event.stalls?.[k]?.cap).map((k) => (
                  <View key={k}>
                    {STALL_KIND_LABELS[k]}：已有 {r.event.stalls![k]!.taken} 个 / 共 {r.event.stalls![k]!.cap} 个
                  </View>
                ))}
              </View>
            )}
            {r.event.dishes && (
              <View className='card' data-testid='kind-counts'>
                <View className='t-title'>菜品（按类）</View>
                {DISH_KINDS.filter((k) => r.event.dishes?.[k]?.cap).map((k) => (
                  <View key={k}>
                    {DISH_KIND_LABELS[k]}：已有 {r.event.dishes![k]!.taken} 道 / 最多 {r.event.dishes![k]!.cap} 道
                  </View>
                ))}
              </View>
            )}

            {canCheckIn && <CheckInPanel busy={busy} onCode={(code) => checkIn({ code })} />}

            <View className='t-title section-title'>全部报名（{r.signUps.length}）</View>
            {r.signUps.length === 0 ? (
              <View className='card t-small'>还没有人报名</View>
            ) : (
              <VirtualList
                items={r.signUps}
                renderItem={(s) => (
                  <View className='card row gap' data-testid='roster-signup'>
                    <View className='grow'>
                      <View className='t-title'>
                        {s.name}
                        <Text className='tag'>{KIND_TEXT[s.kind]}</Text>
                      </View>
                      <Text className='t-small tap-text' onClick={() => Taro.makePhoneCall({ phoneNumber: s.phone })}>
                        电话 {s.phone}
                      </Text>
                      <View>{describe(s)}</View>
                      <View
                        className={`tag ${s.status === 'attended' || s.status === 'confirmed' ? 'tag-ok' : s.status === 'pending' || s.status === 'waitlisted' ? 'tag-accent' : 'tag-warn'}`}
                      >
                        {statusText(s)}
                      </View>
                    </View>
                    {s.status === 'confirmed' && canCheckIn && (
                      <Button className='btn' disabled={busy} onClick={() => checkIn({ signUpId: s.id })}>
                        签到
                      </Button>
                    )}
                  </View>
                )}
              />
            )}
          </>
        )}
      </QueryView>
    </Screen>
  );
}

/** One pending sign-up: who, what, and 通过 or 不通过 (with the reason the resident is told). */
function SignUpReview({ signUp: s, busy, onReview }: { signUp: SignUp; busy: boolean; onReview: (approve: boolean, reason: string) => Promise<boolean> }) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState('');
  const reject = async () => {
    if (!reason.trim()) return setProblem('请填写不通过的原因，居民会看到这个原因');
    setProblem('');
    if (await onReview(false, reason.trim())) setReason('');
  };
  return (
    <View className='section-title' data-testid='signup-review'>
      <View className='t-title'>
        {s.name}
        <Text className='tag'>{KIND_TEXT[s.kind]}</Text>
      </View>
      <View>电话 {s.phone}</View>
      <View>{describe(s)}</View>
      <Input
        className='input'
        value={reason}
        maxlength={100}
        placeholder={s.kind === 'stall' ? '不通过时必填，例如：同类摊位已满' : '不通过时必填，例如：本次只限本社区居民'}
        onInput={(e) => setReason(e.detail.value)}
        aria-label='不通过的原因'
      />
      <FieldProblem text={problem} />
      <View className='row gap'>
        <Button className='btn grow' disabled={busy} onClick={reject}>
          不通过
        </Button>
        <Button className='btn grow' disabled={busy} onClick={() => (setProblem(''), onReview(true, ''))}>
          通过
        </Button>
      </View>
    </View>
  );
}
