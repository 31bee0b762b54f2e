import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DISH_KIND_LABELS, EVENT_TYPE_LABELS, GLOSSARY, SIGN_UP_STATUS_LABELS, SignUp, SignUpStatus, STALL_KIND_LABELS } from '../../contract';
import { formatChinaDateTime } from '../format';
import { Unbroken } from './Unbroken';

/** A sign-up's state in words and a symbol (never colour alone). */
const SYMBOLS: Record<SignUpStatus, string> = { pending: '◷', confirmed: '✓', waitlisted: '○', rejected: '✕', cancelled: '⊘', attended: '✓' };
const TONES: Record<SignUpStatus, string> = {
  pending: 'tag-warn',
  confirmed: 'tag-ok',
  waitlisted: 'tag-warn',
  rejected: 'tag-warn',
  cancelled: '',
  attended: 'tag-ok',
};

export function signUpStatusText(s: Pick<SignUp, 'status' | 'waitlistPosition'>): string {
  const label = s.status === 'waitlisted' && s.waitlistPosition ? `候补第 ${s.waitlistPosition} 位` : SIGN_UP_STATUS_LABELS[s.status];
  return `${SYMBOLS[s.status]} ${label}`;
}

export function SignUpStatusTag({ signUp }: { signUp: Pick<SignUp, 'status' | 'waitlistPosition'> }) {
  return (
    <Text className={`tag ${TONES[signUp.status]}`} data-testid='signup-status'>
      {signUpStatusText(signUp)}
    </Text>
  );
}

/** What was signed up for: "来逛集市 3 人", "摆摊：手工（…）", "一家 4 人，带 热菜：红烧肉". */
export function describeSignUp(s: Pick<SignUp, 'kind' | 'headcount' | 'dish' | 'stall'>): string {
  if (s.kind === 'stall') return `摆摊：${s.stall ? `${STALL_KIND_LABELS[s.stall.kind]}（${s.stall.description}）` : ''}`;
  if (s.kind === 'household') return `一家 ${s.headcount} 人${s.dish ? `，带 ${DISH_KIND_LABELS[s.dish.kind]}：${s.dish.name}` : ''}`;
  return `来逛集市 ${s.headcount} 人`;
}

/** What the state means for the resident. */
export function signUpStatusDetail(s: SignUp): string {
  switch (s.status) {
    case 'pending':
      return `${s.kind === 'stall' ? '摆摊申请已提交' : '报名已提交，名额已为您留出'}，需要社区工作人员审核，审核后会通知您`;
    case 'confirmed':
      return `报名成功，活动当天请出示${GLOSSARY.checkInCode.word}`;
    case 'waitlisted':
      return `${s.waitlistPosition ? `您排在候补第 ${s.waitlistPosition} 位，` : ''}有人取消时按顺序递补，递补成功会通知您`;
    case 'rejected':
      return `社区审核未通过${s.decision?.reason ? `，原因：${s.decision.reason}` : ''}`;
    case 'cancelled':
      return s.cancellation
        ? `${s.cancellation.by === 'staff' ? '由社区' : '由您'}取消${s.cancellation.reason ? `，原因：${s.cancellation.reason}` : ''}`
        : '这次报名已取消';
    case 'attended':
      return '已签到，感谢您的参与';
  }
}

/** A −/number/+ stepper with large buttons; the number is also said in words. */
export function Stepper({ value, min, max, onChange, label }: { value: number; min: number; max: number; onChange: (n: number) => void; label: string }) {
  return (
    <View className='row gap' data-testid='stepper'>
      <Button className='btn' disabled={value <= min} aria-label={`${label}减一`} onClick={() => value > min && onChange(value - 1)}>
        －
      </Button>
      <Text className='t-h1' aria-live='polite' data-testid='stepper-value'>
        {value} 人
      </Text>
      <Button className='btn' disabled={value >= max} aria-label={`${label}加一`} onClick={() => value < max && onChange(value + 1)}>
        ＋
      </Button>
    </View>
  );
}

/** One of my sign-ups in a list; tap for the event. */
export function SignUpCard({ signUp }: { signUp: SignUp }) {
  return (
    <View className='card' data-testid='signup-card' onClick={() => Taro.navigateTo({ url: `/pages/events/detail?id=${signUp.eventId}` })}>
      <View className='row'>
        <Text className='tag tag-accent'>{EVENT_TYPE_LABELS[signUp.eventType]}</Text>
        <View className='t-title grow'>{signUp.eventTitle}</View>
        <View className='t-small'>详情 ›</View>
      </View>
      <View>
        时间：
        <Unbroken text={formatChinaDateTime(signUp.startAt)} />
      </View>
      <View>{describeSignUp(signUp)}</View>
      <View className='row wrap' style='margin-top: 8px'>
        <SignUpStatusTag signUp={signUp} />
      </View>
      <View className='t-small'>{signUpStatusDetail(signUp)}</View>
    </View>
  );
}
