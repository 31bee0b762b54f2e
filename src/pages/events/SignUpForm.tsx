import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { DISH_KIND_LABELS, DishKind, EventDetail, SIGN_UP_KINDS_OF, SignUp, SignUpKind, STALL_KIND_LABELS, StallKind } from '../../../contract';
import { maskPhone } from '../../../rules/privacy';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { Stepper } from '../../components/SignUpParts';
import { Toggle } from '../../components/Toggle';
import { askForReminder } from '../../subscribe';
import { useAction } from '../../hooks/useAction';
import { fullDishKinds, fullStallKinds, isActive, offeredStallKinds, wantedDishKinds } from './signUpChoices';
import { Icon } from '../../components/Icon';

const KIND_LABELS: Record<SignUpKind, string> = { visitor: '来逛集市', stall: '申请摆摊', household: '全家赴宴' };
/** Refusals after which the event has changed under the form: it is loaded again. */
const EVENT_CHANGED = ['FULL', 'CLOSED', 'CONFLICT'];

export interface SignUpFormProps {
  event: EventDetail;
  mine: SignUp[];
  /** Whether the resident has a profile (name and phone); undefined while that is not known yet. */
  hasProfile: boolean | undefined;
  profile: { name: string; phone: string } | null;
  onDone: (s: SignUp) => void;
  /** The event changed under the form (full, closed, a conflict): load it again. */
  onRefused: () => void;
}

/** Signing up: a market's visitors or stall, a banquet's household and dish; one primary button at the bottom. */
export function SignUpForm({ event: e, mine, hasProfile, profile, onDone, onRefused }: SignUpFormProps) {
  const held = new Set(mine.filter(isActive).map((s) => s.kind));
  const kinds = SIGN_UP_KINDS_OF[e.type].filter((k) => !held.has(k));
  const [kind, setKind] = useState<SignUpKind | undefined>(undefined);
  const [headcount, setHeadcount] = useState(1);
  const [dishKind, setDishKind] = useState<DishKind | undefined>();
  const [dishName, setDishName] = useState('');
  const [stallKind, setStallKind] = useState<StallKind | undefined>();
  const [stallText, setStallText] = useState('');
  const [offerWaitlist, setOfferWaitlist] = useState(false);
  const [subscribe, setSubscribe] = useState(true);
  const signing = useAction();

  if (e.status !== 'published' || !e.open || kinds.length === 0) return null;
  const chosen: SignUpKind | undefined = kinds.length === 1 ? kinds[0] : kind && kinds.includes(kind) ? kind : undefined;
  const maxHead = Math.min(10, e.maxHeadcount);
  const waitlist = chosen !== 'stall' && (e.placesLeft === 0 || offerWaitlist);

  const submit = async () => {
    if (!chosen || signing.busy) return;
    if (chosen === 'household' && !dishKind) return signing.refuse('请选择您带的菜是哪一类');
    if (chosen === 'stall' && !stallKind) return signing.refuse('请选择摊位的种类');
    const input =
      chosen === 'visitor'
        ? { eventId: e.id, kind: 'visitor' as const, headcount, joinWaitlist: waitlist }
        : chosen === 'stall'
          ? { eventId: e.id, kind: 'stall' as const, stall: { kind: stallKind!, description: stallText } }
          : { eventId: e.id, kind: 'household' as const, headcount, dish: { kind: dishKind!, name: dishName }, joinWaitlist: waitlist };
    // WeChat only asks for a subscription inside the tap itself: before anything is awaited.
    const reminder = subscribe ? askForReminder() : Promise.resolve(false);
    await signing.run(
      async () => {
        // Refusing WeChat's prompt never stops the sign-up: the in-app 消息 are kept either way.
        const allowed = await reminder;
        const made = await api.events.signUp({ ...input, subscribe: subscribe && allowed });
        setOfferWaitlist(false);
        onDone(made);
      },
      (refusal) => {
        if (refusal.code === 'FULL' && chosen !== 'stall') setOfferWaitlist(true);
        if (EVENT_CHANGED.includes(refusal.code)) onRefused();
      },
    );
  };

  return (
    <View data-testid='signup-form'>
      <View className='t-title section-title'>{waitlist ? '排队候补' : '我要报名'}</View>
      <View className='card'>
        {kinds.length > 1 && (
          <>
            <View className='t-title'>您想怎么参加？</View>
            <ChoiceChips options={kinds} labels={KIND_LABELS} value={chosen} onChange={(k) => (setKind(k), signing.clear(), setOfferWaitlist(false))} />
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
              <ChoiceChips
                options={offeredStallKinds(e)}
                labels={STALL_KIND_LABELS}
                value={stallKind}
                onChange={setStallKind}
                unavailable={fullStallKinds(e)}
              />
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
            <View className='t-small'>
              <Icon name='info' />
              摆摊需要社区工作人员审核，审核通过后才算报名成功
            </View>
          </>
        )}
        {chosen && profile && (
          <View className='t-small section-title'>
            报名人：{profile.name} {maskPhone(profile.phone)}
          </View>
        )}
        {chosen && (
          <Toggle checked={subscribe} onChange={setSubscribe} testId='remind-me'>
            {chosen === 'stall' ? '审核结果和活动前一天的提醒，用微信告诉我' : '活动前一天微信提醒我'}
          </Toggle>
        )}
        {e.visitorsNeedApproval && (chosen === 'visitor' || chosen === 'household') && (
          <View className='t-small' data-testid='approval-note'>
            <Icon name='info' />
            这次活动的报名需要社区审核：提交后先为您留出名额，审核通过才算报名成功，结果会通知您
          </View>
        )}
        {waitlist && chosen && <View className='t-small'>名额已满。排队候补后，有人取消会按先后顺序为您递补，并通知您。</View>}
      </View>

      {signing.problem && (
        <View className='card alert' role='alert'>
          <Icon name='warning' />
          {signing.problem}
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
          <BusyButton className='btn btn-primary btn-block' busy={signing.busy} busyText='正在提交…' disabled={hasProfile === undefined} onClick={submit}>
            {chosen === 'stall' ? '提交摆摊申请' : waitlist ? '排队候补' : e.visitorsNeedApproval ? '提交报名，等待审核' : '确认报名'}
          </BusyButton>
        ))}
    </View>
  );
}
