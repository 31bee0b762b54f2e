import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { SERVICE_CLASS_LABELS, TeamSummary } from '../../contract';
import { formatOccurrence } from '../format';
import { TitleRow } from './TitleRow';
import { Unbroken } from './Unbroken';

export function TeamCard({ team }: { team: TeamSummary }) {
  return (
    <View className='card' data-testid='team-card' onClick={() => Taro.navigateTo({ url: `/pages/service/team?id=${team.id}` })}>
      <TitleRow tag={SERVICE_CLASS_LABELS[team.serviceClass]} title={team.name} />
      <View className='t-small'>{team.communityName}</View>
      <View>{team.description}</View>
      <View className='t-small'>
        {team.nextOccurrence ? (
          <>
            下次服务：
            <Unbroken text={formatOccurrence(team.nextOccurrence)} />
          </>
        ) : (
          '近期暂无服务日'
        )}
      </View>
    </View>
  );
}
