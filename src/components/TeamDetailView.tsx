import { Text, View } from '@tarojs/components';
import { ReactNode } from 'react';
import { Occurrence, TeamDetail } from '../../contract';
import { describeSchedule, formatOccurrence } from '../format';
import { CallButton } from './CallButton';
import { Icon } from './Icon';
import { Unbroken } from './Unbroken';

interface Props {
  team: TeamDetail;
  /** Residents: tapping a coming service day opens it (its slots, to book). */
  onOpenDay?: (occurrence: Occurrence) => void;
  /** Leaders: what each coming service day offers (its list, cancel, move). */
  dayActions?: (occurrence: Occurrence) => ReactNode;
}

/** A team's details, shared by the resident's team page and the leader's workbench. */
export function TeamDetailView({ team, onOpenDay, dayActions }: Props) {
  const s = team.schedule;
  return (
    <View>
      {!team.active && (
        <View className='card alert' role='status' data-testid='team-stopped'>
          <Icon name='warning' />
          这个服务队已停用，不再接受预约。以往的预约记录仍可在“我的预约”里查看。
        </View>
      )}
      <View className='card'>
        <View>{team.description}</View>
        <View className='t-small'>所在社区：{team.communityName}</View>
        <View className='t-small'>队长：{team.leaders.length ? team.leaders.join('、') : '暂无'}</View>
        {team.contactPhone && (
          <View className='row field'>
            <CallButton phone={team.contactPhone} label='拨打服务队电话' testId='team-call' />
          </View>
        )}
        {team.services.length > 0 && (
          <View className='row wrap' style='margin-top: 8px'>
            {team.services.map((name) => (
              <Text key={name} className='tag'>
                {name}
              </Text>
            ))}
          </View>
        )}
      </View>

      <View className='t-title section-title'>固定服务日</View>
      {s ? (
        <View className='card'>
          <View>{describeSchedule(s)}</View>
          <View className='t-small'>地点：{s.place.address}</View>
          <View className='t-small'>
            每个时段 {s.slotMinutes} 分钟，{s.placesPerSlot} 个名额{s.needsApproval ? '，预约需社区审核' : ''}
          </View>
        </View>
      ) : (
        <View className='card t-small'>这个服务队还没有公布固定服务日</View>
      )}

      <View className='t-title section-title'>近期服务日</View>
      {team.upcoming.length ? (
        team.upcoming.map((o) => (
          <View key={o.date} className='card' data-testid='occurrence' onClick={onOpenDay && (() => onOpenDay(o))}>
            <View className='row'>
              <Text className='grow'>
                <Unbroken text={formatOccurrence(o)} />
              </Text>
              {onOpenDay && <Text className='tag tag-accent'>预约 ›</Text>}
            </View>
            {dayActions?.(o)}
          </View>
        ))
      ) : (
        <View className='card t-small'>近期没有服务日，请过些天再来看看</View>
      )}
    </View>
  );
}
