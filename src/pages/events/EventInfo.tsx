import { Text, View } from '@tarojs/components';
import { DISH_KIND_LABELS, EVENT_TYPE_LABELS, EventDetail, STALL_KIND_LABELS } from '../../../contract';
import { CallButton } from '../../components/CallButton';
import { PlaceActions } from '../../components/PlaceActions';
import { TitleRow } from '../../components/TitleRow';
import { formatChinaDateTime } from '../../format';
import { offeredStallKinds, wantedDishKinds } from './signUpChoices';
import { Unbroken } from '../../components/Unbroken';

/** An event as residents see it before signing up: when, where, places left, whether it takes sign-ups, and what the table or the market has. */
export function EventInfo({ event: e }: { event: EventDetail }) {
  return (
    <>
      <TitleRow tag={EVENT_TYPE_LABELS[e.type]} title={e.title} large />
      <View className='card' data-testid='event-info'>
        <View className='t-small'>{e.communityName}</View>
        <View>
          时间：
          <Unbroken text={formatChinaDateTime(e.startAt)} /> 至 <Unbroken text={formatChinaDateTime(e.endAt)} />
        </View>
        <View>地点：{e.place.address}</View>
        {e.place.location && <PlaceActions place={{ name: e.title, address: e.place.address, location: e.place.location }} />}
        <View>
          名额：共 {e.capacity} 人，剩余 {e.placesLeft} 人{e.waitlisted > 0 ? `，${e.waitlisted} 人在候补` : ''}
        </View>
        <View>
          报名截止：
          <Unbroken text={formatChinaDateTime(e.deadline)} />
        </View>
        {e.visitorsNeedApproval && <View>报名需要社区审核，通过后才算报名成功</View>}
        <EventState event={e} />
        {e.description && <View className='t-small section-title'>{e.description}</View>}
        {e.contactPhone && (
          <View className='row field'>
            <CallButton phone={e.contactPhone} label='拨打主办方电话' testId='event-call' />
          </View>
        )}
      </View>
      {e.dishes && <DishTable event={e} />}
      {e.stalls && <StallTable event={e} />}
    </>
  );
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
  const [tone, text] = !e.open ? ['', '⊘ 报名已截止'] : e.placesLeft === 0 ? ['tag-warn', '! 名额已满，可以排队候补'] : ['tag-ok', '✓ 正在报名'];
  return (
    <View className='row wrap' style='margin-top: 8px'>
      <Text className={tone ? `tag ${tone}` : 'tag'}>{text}</Text>
    </View>
  );
}

/** One row per kind: its name and count, and how many are left (✕ 已满 at none). */
function KindRow({ label, left, leftText }: { label: string; left: number; leftText: string }) {
  return (
    <View className='row'>
      <Text className='grow'>{label}</Text>
      <Text className={`tag ${left === 0 ? 'tag-warn' : 'tag-ok'}`}>{left === 0 ? '✕ 已满' : leftText}</Text>
    </View>
  );
}

/** The dish kinds a 百家宴 wants, and how many of each are already coming. */
function DishTable({ event: e }: { event: EventDetail }) {
  return (
    <View className='card' data-testid='dishes'>
      <View className='t-title'>餐桌上已有的菜</View>
      {wantedDishKinds(e).map((k) => {
        const c = e.dishes![k]!;
        return <KindRow key={k} label={`${DISH_KIND_LABELS[k]}：已有 ${c.taken} 道 / 需要 ${c.cap} 道`} left={c.left} leftText={`还差 ${c.left} 道`} />;
      })}
    </View>
  );
}

/** The stall kinds of a 幸福集市, and how many of each are left. */
function StallTable({ event: e }: { event: EventDetail }) {
  return (
    <View className='card' data-testid='stalls'>
      <View className='t-title'>摊位</View>
      {offeredStallKinds(e).map((k) => {
        const c = e.stalls![k]!;
        return <KindRow key={k} label={`${STALL_KIND_LABELS[k]}：共 ${c.cap} 个`} left={c.left} leftText={`剩 ${c.left} 个`} />;
      })}
    </View>
  );
}
