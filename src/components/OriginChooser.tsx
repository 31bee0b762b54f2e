import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { BusyButton } from './BusyButton';
import { api } from '../api/client';
import { useQuery } from '../hooks/useQuery';
import { allowLocationInSettings, locateMe, pickOnMap } from '../platform/location';
import { Origin, originStore } from '../stores/origin';
import { CommunityByStreet } from './CommunityByStreet';
import { QueryView } from './QueryView';
import { Icon } from './Icon';

type LocateState = 'idle' | 'locating' | 'refused' | 'refusedInSettings' | 'unavailable';

const onWeapp = process.env.TARO_ENV === 'weapp';
const OTHER_WAYS = onWeapp ? '您可以在地图上选一个点，或者选择社区。' : '您可以选择一个社区作为起点。';

/**
 * Where to measure from. Says why location is wanted before asking, asks only on a tap, and always
 * offers a way without it: a point on the map (weapp), the resident's own community, or any community.
 */
export function OriginChooser({ onChosen, onCancel }: { onChosen: () => void; onCancel?: () => void }) {
  const places = useQuery(() => Promise.all([api.account.whoami({}), api.directory.listStreets({}), api.directory.listCommunities({})]), []);
  const [locate, setLocate] = useState<LocateState>('idle');
  const [byCommunity, setByCommunity] = useState(false);
  const [who, streets, communities] = places.data ?? [undefined, [], []];
  const own = communities.find((c) => c.id === who?.user?.communityId);

  const choose = (origin: Origin) => {
    originStore.set(origin);
    onChosen();
  };
  const locateAndChoose = async () => {
    setLocate('locating');
    const result = await locateMe();
    if (result.kind === 'position') return choose({ position: result.position, label: '我的位置' });
    setLocate(result.kind === 'unavailable' ? 'unavailable' : result.canOpenSettings ? 'refusedInSettings' : 'refused');
  };
  const allowInSettings = async () => {
    if (await allowLocationInSettings()) await locateAndChoose();
  };
  const pickPoint = async () => {
    const picked = await pickOnMap();
    if (picked) choose({ position: picked.position, label: picked.name });
  };

  return (
    <>
      <View className='card' data-testid='location-why'>
        <View className='t-title'>
          <Icon name='place' />
          找离您最近的党群服务站
        </View>
        <View>按步行距离排出离您最近的服务站，需要知道您在哪里。</View>
        <View className='t-small'>您的位置只用于这一次查找：发给服务器计算距离，不会保存。您不点下面的按钮，我们不会获取位置。</View>
        <BusyButton className='btn btn-primary btn-block' busy={locate === 'locating'} busyText='正在获取位置…' onClick={locateAndChoose}>
          使用我的位置
        </BusyButton>
        {(locate === 'refused' || locate === 'refusedInSettings') && (
          <View className='card notice' role='alert'>
            没有获得位置权限。{OTHER_WAYS}
          </View>
        )}
        {locate === 'unavailable' && (
          <View className='card notice' role='alert'>
            暂时无法获取您的位置（可能是信号不好）。可以再试一次，{OTHER_WAYS}
          </View>
        )}
        {locate === 'refusedInSettings' && (
          <Button className='btn btn-block' onClick={allowInSettings}>
            去设置里允许使用位置
          </Button>
        )}
      </View>

      <View className='card'>
        <View className='t-title'>或者选一个起点</View>
        <QueryView query={places} loadingText='正在加载社区…'>
          {own && (
            <Button className='btn btn-block' onClick={() => choose({ position: own.location, label: own.name })}>
              从我的社区出发：{own.name}
            </Button>
          )}
          {onWeapp && (
            <Button className='btn btn-block' onClick={pickPoint}>
              在地图上选点
            </Button>
          )}
          <Button className='btn btn-block' onClick={() => setByCommunity((shown) => !shown)}>
            按社区选择 {byCommunity ? '▴' : '▾'}
          </Button>
          {byCommunity && <CommunityByStreet streets={streets} communities={communities} onChoose={(c) => choose({ position: c.location, label: c.name })} />}
        </QueryView>
      </View>
      {onCancel && (
        <Button className='btn btn-block' onClick={onCancel}>
          不换了，返回列表
        </Button>
      )}
    </>
  );
}
