import { Text, View } from '@tarojs/components';
import { TeamDetail } from '../../contract';
import { describeSchedule, formatOccurrence } from '../format';

/** A team's details, shared by the resident's team page and the leader's workbench. */
export function TeamDetailView({ team }: { team: TeamDetail }) {
  const s = team.schedule;
  return (
    <View>
      <View className='card'>
        <View>{team.description}</View>
        <View className='t-small'>所在社区：{team.communityName}</View>
        <View className='t-small'>队长：{team.leaderName}</View>
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
          <View key={o.date} className='card' data-testid='occurrence'>
            {formatOccurrence(o)}
          </View>
        ))
      ) : (
        <View className='card t-small'>近期没有服务日，请过些天再来看看</View>
      )}
    </View>
  );
}
