import { Input, View } from '@tarojs/components';
import { Community, Station } from '../../../contract';
import { ChoiceChips } from '../../components/ChoiceChips';
import { EventFormSectionProps, PlaceKind } from './eventForm';
import { PositionField } from './PositionField';

const PLACE_KINDS: readonly PlaceKind[] = ['station', 'address'];
const PLACE_KIND_LABELS: Record<PlaceKind, string> = { station: '在服务站', address: '其他地点' };

interface Props extends EventFormSectionProps {
  /** The community's open stations, to hold the event at one. */
  stations: Station[];
  /** The event's community: where the map opens, and a landmark on it. */
  community?: Community;
}

/** Where: at one of the community's stations (its address and position come with it), or at an address with a position. */
export function EventPlaceSection({ form, update, stations, community }: Props) {
  const stationLabels = Object.fromEntries(stations.map((st) => [st.id, st.name]));
  // Choosing a station takes its address (staff may add to it, e.g. the room) and its position.
  const chooseStation = (station: Station | undefined) =>
    update(station ? { stationId: station.id, address: station.address, position: station.location } : { stationId: null });
  return (
    <View className='card' data-testid='event-place'>
      <View className='t-title'>地点</View>
      <ChoiceChips options={PLACE_KINDS} labels={PLACE_KIND_LABELS} value={form.placeKind} onChange={(placeKind) => placeKind && update({ placeKind })} />
      {form.placeKind === 'station' && (
        <View className='field' data-testid='station-choice'>
          {stations.length === 0 ? (
            <View className='t-small'>本社区还没有开放的服务站，请选“其他地点”。</View>
          ) : (
            <>
              <View>选择服务站</View>
              <ChoiceChips
                options={stations.map((st) => st.id)}
                labels={stationLabels}
                value={form.stationId ?? undefined}
                onChange={(stationId) => chooseStation(stations.find((st) => st.id === stationId))}
              />
              {form.stationId && !stationLabels[form.stationId] && <View className='t-small'>原来的服务站已停用或不在本社区，请另选一个。</View>}
            </>
          )}
        </View>
      )}
      <View className='field'>
        <View>{form.placeKind === 'station' ? '地址（可补充在哪个房间）' : '地址'}</View>
        <Input
          className='input'
          value={form.address}
          maxlength={100}
          placeholder='例如：清洋社区广场'
          onInput={(e) => update({ address: e.detail.value })}
          aria-label='活动地点'
        />
      </View>
      {form.placeKind === 'address' && (
        <View className='field'>
          <View>位置</View>
          <PositionField
            value={form.position}
            community={community}
            landmarks={stations}
            onChange={(position) => update({ position })}
            // A place picked on the map names its address, unless one is typed already.
            onPicked={(address) => !form.address && update({ address })}
          />
        </View>
      )}
    </View>
  );
}
