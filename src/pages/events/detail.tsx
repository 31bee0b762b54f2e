import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  ACTIVE_SIGN_UP_STATUSES,
  DISH_KIND_LABELS,
  DISH_KINDS,
  DishKind,
  EVENT_TYPE_LABELS,
  EventDetail,
  SIGN_UP_KINDS_OF,
  SignUp,
  SignUpKind,
  STALL_KIND_LABELS,
  STALL_KINDS,
  StallKind,
} from '../../../contract';
import { maskPhone } from '../../../rules/privacy';
import { api } from '../../api/client';
import { CheckInQr } from '../../components/CheckInQr';
import { ChoiceChips } from '../../components/ChoiceChips';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { describeSignUp, SignUpStatusTag, signUpStatusDetail, Stepper } from '../../components/SignUpParts';
import { PlaceActions } from '../../components/PlaceActions';
import { TitleRow } from '../../components/TitleRow';
import { formatChinaDateTime } from '../../format';
import { toApiError, useQuery } from '../../hooks/useQuery';
import { confirmAction } from '../../confirm';

const KIND_LABELS: Record<SignUpKind, string> = { visitor: '来逛集市', stall: '申请摆摊', household: '全家赴宴' };
/** What a sign-up just made says first. */
function resultHeadline(s: SignUp): string | undefined {
  if (s.status === 'pending') return `◷ ${s.kind === 'stall' ? '摆摊申请' : '报名'}已提交，等待社区审核`;
  return s.status === 'confirmed' ? '✓ 报名成功' : s.status === 'waitlisted' ? '○ 已排队候补' : undefined;
}
const isActive = (s: SignUp) => (ACTIVE_SIGN_UP_STATUSES as readonly string[]).includes(s.status);

/**
 * One 幸福集市 or 百家宴: when, where, places left, what the table or the market already has, my
 * sign-ups (with the entry code), and signing up, changing or cancelling before the deadline.
 */
export default function EventDetailPage() {
  const { params } = useRouter();
  const eventId = params.id ?? '';
  const query = useQuery(() => api.events.getEvent({ eventId }), [eventId]);
  const me = useQuery(() => api.account.whoami({}), []);
  // Sign-ups made, changed or cancelled here, shown at once (the event is refreshed behind them).
  const [updated, setUpdated] = useState<SignUp[]>([]);
  const [justMade, setJustMade] = useState<SignUp | null>(null);

  useDidShow(() => {
    if (query.status === 'ready') query.refresh();
    if (me.status !== 'loading') me.refresh();
  });

  const e = query.data;
  const mine = e ? mergeMine(e.mine, updated) : [];
  const keep = (s: SignUp) => {
    setUpdated((u) => [...u.filter((x) => x.id !== s.id), s]);
    query.refresh();
  };

  return (
    <Screen>
      <QueryView query={query} loadingText='正在读取活动…'>
        {e && (
          <>
            <TitleRow tag={EVENT_TYPE_LABELS[e.type]} title={e.title} large />
            <View className='card' data-testid='event-info'>
              <View className='t-small'>{e.communityName}</View>
              <View>
                时间：{formatChinaDateTime(e.startAt)} 至 {formatChinaDateTime(e.endAt)}
              </View>
              <View>地点：{e.place.address}</View>
              {e.place.location && <PlaceActions place={{ name: e.title, address: e.place.address, location: e.place.location }} />}
              <View>
                名额：共 {e.capacity} 人，剩余 {e.placesLeft} 人{e.waitlisted > 0 ? `，${e.waitlisted} 人在候补` : ''}
              </View>
              <View>报名截止：{formatChinaDateTime(e.deadline)}</View>
              {e.visitorsNeedApproval && <View>报名需要社区审核，通过后才算报名成功</View>}
              <EventState event={e} />
              {e.description && <View className='t-small section-title'>{e.description}</View>}
            </View>

            {e.dishes && <DishTable event={e} />}
            {e.stalls && <StallTable event={e} />}

            {justMade && resultHeadline(justMade) && (
              <View className='card notice' role='status' data-testid='signup-result'>
                <View className='t-h1'>{resultHeadline(justMade)}</View>
                {justMade.status === 'waitlisted' && justMade.waitlistPosition && <View className='t-title'>您排在候补第 {justMade.waitlistPosition} 位</View>}
              </View>
            )}

            {mine.length > 0 && <View className='t-title section-title'>我的报名</View>}
            {mine.map((s) => (
              <MySignUp key={s.id} event={e} signUp={s} onChanged={keep} />
            ))}

            <SignUpForm
              event={e}
              mine={mine}
              hasProfile={me.status === 'ready' ? Boolean(me.data?.user) : me.status === 'error' ? true : undefined}
              profile={me.data?.user ?? null}
              onDone={(s) => {
                setJustMade(s);
                keep(s);
              }}
              onRefused={() => query.refresh()}
            />
          </>
        )}
      </QueryView>
    </Screen>
  );
}

function mergeMine(fromServer: SignUp[], updated: SignUp[]): SignUp[] {
  const byId = new Map(fromServer.map((s) => [s.id, s]));
  for (const s of updated) byId.set(s.id, s);
  return [...byId.values()];
}

/** Whether the event takes sign-ups, in words and a symbol. */
function EventState({ event: e }: { event: EventDetail }) {
  if (e.status === 'cancelled') {
    return (
      <View style='margin-top: 8px' role='alert'>
        <Text className='tag tag-warn'>✕ 活动已取消</Text>
        <View>{e.notice ?? '这次活动已取消'}</View>
      </View>
    );
  }
  if (!e.open) {
    return (
      <View className='row wrap' style='margin-top: 8px'>
        <Text className='tag'>⊘ 报名已截止</Text>
      </View>
    );
  }
  if (e.placesLeft === 0) {
    return (
      <View className='row wrap' style='margin-top: 8px'>
        <Text className='tag tag-warn'>! 名额已满，可以排队候补</Text>
      </View>
    );
  }
  return (
    <View className='row wrap' style='margin-top: 8px'>
      <Text className='tag tag-ok'>✓ 正在报名</Text>
    </View>
  );
}

/** The dish kinds a 百家宴 wants, and how many of each are already coming. */
function DishTable({ event: e }: { event: EventDetail }) {
  const kinds = DISH_KINDS.filter((k) => (e.dishes?.[k]?.cap ?? 0) > 0);
  return (
    <View className='card' data-testid='dishes'>
      <View className='t-title'>餐桌上已有的菜</View>
      {kinds.map((k) => {
        const c = e.dishes![k]!;
        return (
          <View key={k} className='row'>
            <Text className='grow'>
              {DISH_KIND_LABELS[k]}：已有 {c.taken} 道 / 需要 {c.cap} 道
            </Text>
            <Text className={`tag ${c.left === 0 ? 'tag-warn' : 'tag-ok'}`}>{c.left === 0 ? '✕ 已满' : `还差 ${c.left} 道`}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** The stall kinds of a 幸福集市, and how many of each are left. */
function StallTable({ event: e }: { event: EventDetail }) {
  const kinds = STALL_KINDS.filter((k) => (e.stalls?.[k]?.cap ?? 0) > 0);
  return (
    <View className='card' data-testid='stalls'>
      <View className='t-title'>摊位</View>
      {kinds.map((k) => {
        const c = e.stalls![k]!;
        return (
          <View key={k} className='row'>
            <Text className='grow'>
              {STALL_KIND_LABELS[k]}：共 {c.cap} 个
            </Text>
            <Text className={`tag ${c.left === 0 ? 'tag-warn' : 'tag-ok'}`}>{c.left === 0 ? '✕ 已满' : `剩 ${c.left} 个`}</Text>
          </View>
        );
      })}
    </View>
  );
}

const fullDishKinds = (e: EventDetail, except?: DishKind) =>
  Object.fromEntries(DISH_KINDS.filter((k) => k !== except && e.dishes?.[k] && e.dishes[k]!.left === 0).map((k) => [k, '已满'])) as Partial<
    Record<DishKind, string>
  >;
const wantedDishKinds = (e: EventDetail) => DISH_KINDS.filter((k) => (e.dishes?.[k]?.cap ?? 0) > 0);

interface FormProps {
  event: EventDetail;
  mine: SignUp[];
  hasProfile: boolean | undefined;
  profile: { name: string; phone: string } | null;
  onDone: (s: SignUp) => void;
  onRefused: () => void;
}

/** Signing up: a market's visitors or stall, a banquet's household and dish; one primary button at the bottom. */
function SignUpForm({ event: e, mine, hasProfile, profile, onDone, onRefused }: FormProps) {
  const held = new Set(mine.filter(isActive).map((s) => s.kind));
  const kinds = SIGN_UP_KINDS_OF[e.type].filter((k) => !held.has(k));
  const [kind, setKind] = useState<SignUpKind | undefined>(undefined);
  const [headcount, setHeadcount] = useState(1);
  const [dishKind, setDishKind] = useState<DishKind | undefined>();
  const [dishName, setDishName] = useState('');
  const [stallKind, setStallKind] = useState<StallKind | undefined>();
  const [stallText, setStallText] = useState('');
  const [problem, setProblem] = useState('');
  const [offerWaitlist, setOfferWaitlist] = useState(false);
  const [busy, setBusy] = useState(false);

  if (e.status !== 'published' || !e.open || kinds.length === 0) return null;
  const chosen: SignUpKind | undefined = kinds.length === 1 ? kinds[0] : kind && kinds.includes(kind) ? kind : undefined;
  const maxHead = Math.min(10, e.maxHeadcount);
  const waitlist = chosen !== 'stall' && (e.placesLeft === 0 || offerWaitlist);
  const fullStalls = Object.fromEntries(STALL_KINDS.filter((k) => e.stalls?.[k] && e.stalls[k]!.left === 0).map((k) => [k, '已满'])) as Partial<
    Record<StallKind, string>
  >;
  const stallKinds = STALL_KINDS.filter((k) => (e.stalls?.[k]?.cap ?? 0) > 0);

  const submit = async () => {
    if (!chosen || busy) return;
    if (chosen === 'household' && !dishKind) return setProblem('请选择您带的菜是哪一类');
    if (chosen === 'stall' && !stallKind) return setProblem('请选择摊位的种类');
    setBusy(true);
    setProblem('');
    try {
      const input =
        chosen === 'visitor'
          ? { eventId: e.id, kind: 'visitor' as const, headcount, joinWaitlist: waitlist }
          : chosen === 'stall'
            ? { eventId: e.id, kind: 'stall' as const, stall: { kind: stallKind!, description: stallText } }
            : { eventId: e.id, kind: 'household' as const, headcount, dish: { kind: dishKind!, name: dishName }, joinWaitlist: waitlist };
      const made = await api.events.signUp(input);
      setOfferWaitlist(false);
      onDone(made);
    } catch (err) {
      const x = toApiError(err);
      setProblem(x.message);
      if (x.code === 'FULL' && chosen !== 'stall') setOfferWaitlist(true);
      if (x.code === 'FULL' || x.code === 'CLOSED' || x.code === 'CONFLICT') onRefused();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid='signup-form'>
      <View className='t-title section-title'>{waitlist ? '排队候补' : '我要报名'}</View>
      <View className='card'>
        {kinds.length > 1 && (
          <>
            <View className='t-title'>您想怎么参加？</View>
            <ChoiceChips options={kinds} labels={KIND_LABELS} value={chosen} onChange={(k) => (setKind(k), setProblem(''), setOfferWaitlist(false))} />
          </>
        )}
        {(chosen === 'visitor' || chosen === 'household') && (
          <View className='field'>
            <View className='t-title'>{chosen === 'household' ? '家里来几个人' : '来几个人'}</View>
            <Stepper value={headcount} min={1} max={maxHead} onChange={setHeadcount} label='人数' />
            <View className='t-small'>一次最多报 {maxHead} 人</View>
          </View>
        )}
        {chosen === 'household' && (
          <>
            <View className='field'>
              <View className='t-title'>带一道什么菜</View>
              <ChoiceChips options={wantedDishKinds(e)} labels={DISH_KIND_LABELS} value={dishKind} onChange={setDishKind} unavailable={fullDishKinds(e)} />
            </View>
            <View className='field'>
              <View className='t-title'>菜名</View>
              <Input
                className='input'
                value={dishName}
                maxlength={20}
                placeholder='例如：红烧肉'
                onInput={(ev) => setDishName(ev.detail.value)}
                aria-label='菜名'
              />
            </View>
          </>
        )}
        {chosen === 'stall' && (
          <>
            <View className='field'>
              <View className='t-title'>摊位种类</View>
              <ChoiceChips options={stallKinds} labels={STALL_KIND_LABELS} value={stallKind} onChange={setStallKind} unavailable={fullStalls} />
            </View>
            <View className='field'>
              <View className='t-title'>简单介绍摊位</View>
              <Input
                className='input'
                value={stallText}
                maxlength={100}
                placeholder='例如：手工编织，现场教学'
                onInput={(ev) => setStallText(ev.detail.value)}
                aria-label='摊位介绍'
              />
            </View>
            <View className='t-small'>ℹ️ 摆摊需要社区工作人员审核，审核通过后才算报名成功</View>
          </>
        )}
        {chosen && profile && (
          <View className='t-small section-title'>
            报名人：{profile.name} {maskPhone(profile.phone)}
          </View>
        )}
        {e.visitorsNeedApproval && (chosen === 'visitor' || chosen === 'household') && (
          <View className='t-small' data-testid='approval-note'>
            ℹ️ 这次活动的报名需要社区审核：提交后先为您留出名额，审核通过才算报名成功，结果会通知您
          </View>
        )}
        {waitlist && chosen && <View className='t-small'>名额已满。排队候补后，有人取消会按先后顺序为您递补，并通知您。</View>}
      </View>

      {problem && (
        <View className='card alert' role='alert'>
          ⚠️ {problem}
        </View>
      )}

      {chosen &&
        (hasProfile === false ? (
          <>
            <View className='t-small'>报名要用到您的姓名和手机号，请先填写个人信息，填好后回到这里继续。</View>
            <Button className='btn btn-primary btn-block' onClick={() => Taro.navigateTo({ url: '/pages/me/profile' })}>
              填写个人信息
            </Button>
          </>
        ) : (
          <Button className='btn btn-primary btn-block' loading={busy} disabled={busy || hasProfile === undefined} onClick={submit}>
            {busy ? '正在提交…' : chosen === 'stall' ? '提交摆摊申请' : waitlist ? '排队候补' : e.visitorsNeedApproval ? '提交报名，等待审核' : '确认报名'}
          </Button>
        ))}
    </View>
  );
}

/** One of my sign-ups here: its state, the entry code while confirmed, and change or cancel before the deadline. */
function MySignUp({ event: e, signUp: s, onChanged }: { event: EventDetail; signUp: SignUp; onChanged: (s: SignUp) => void }) {
  const [editing, setEditing] = useState(false);
  const [headcount, setHeadcount] = useState(Math.max(1, s.headcount));
  const [dishKind, setDishKind] = useState<DishKind | undefined>(s.dish?.kind);
  const [dishName, setDishName] = useState(s.dish?.name ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const maxHead = Math.min(10, e.maxHeadcount);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setProblem('');
    try {
      const dish = s.kind === 'household' && dishKind ? { kind: dishKind, name: dishName } : undefined;
      const changed = await api.events.changeSignUp({ signUpId: s.id, headcount, ...(dish ? { dish } : {}) });
      setEditing(false);
      onChanged(changed);
      Taro.showToast({ title: '已修改', icon: 'success' });
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (busy) return;
    const confirmed = await confirmAction({
      title: '取消报名',
      content: `确定取消“${e.title}”的报名吗？取消后名额会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (!confirmed) return;
    setBusy(true);
    setProblem('');
    try {
      onChanged(await api.events.cancelSignUp({ signUpId: s.id }));
      Taro.showToast({ title: '已取消报名', icon: 'success' });
    } catch (err) {
      setProblem(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='my-signup'>
      <View className='row wrap'>
        <SignUpStatusTag signUp={s} />
        <Text className='t-title grow'>{describeSignUp(s)}</Text>
      </View>
      <View className='t-small'>{signUpStatusDetail(s)}</View>
      {s.status === 'confirmed' && s.entryCode && (
        <>
          <CheckInQr code={s.entryCode} />
          <View className='t-small' style='text-align: center'>
            活动当天请打开这一页，给工作人员扫码入场
          </View>
        </>
      )}

      {editing && (
        <View data-testid='change-form'>
          <View className='field'>
            <View className='t-title'>人数</View>
            <Stepper value={headcount} min={1} max={maxHead} onChange={setHeadcount} label='人数' />
          </View>
          {s.kind === 'household' && e.dishes && (
            <>
              <View className='field'>
                <View className='t-title'>菜的种类</View>
                <ChoiceChips
                  options={wantedDishKinds(e)}
                  labels={DISH_KIND_LABELS}
                  value={dishKind}
                  onChange={setDishKind}
                  unavailable={fullDishKinds(e, s.dish?.kind)}
                />
              </View>
              <View className='field'>
                <View className='t-title'>菜名</View>
                <Input className='input' value={dishName} maxlength={20} onInput={(ev) => setDishName(ev.detail.value)} aria-label='修改菜名' />
              </View>
            </>
          )}
        </View>
      )}

      {problem && (
        <View className='alert' role='alert'>
          ⚠️ {problem}
        </View>
      )}

      {s.canChange &&
        (editing ? (
          <View className='row gap section-title'>
            <Button className='btn grow' onClick={() => (setEditing(false), setProblem(''))}>
              不改了
            </Button>
            <Button className='btn btn-primary grow' loading={busy} disabled={busy} onClick={save}>
              保存修改
            </Button>
          </View>
        ) : (
          <View className='row gap section-title'>
            {s.kind !== 'stall' && (
              <Button className='btn grow' onClick={() => (setEditing(true), setProblem(''))}>
                {s.kind === 'household' ? '修改人数或菜品' : '修改人数'}
              </Button>
            )}
            <Button className='btn grow' disabled={busy} onClick={cancel}>
              取消报名
            </Button>
          </View>
        ))}
      {!s.canChange && isActive(s) && <View className='t-small'>已过报名截止时间，不能在网上修改或取消。如有变化，请联系社区。</View>}
    </View>
  );
}
