import { Button, View } from '@tarojs/components';
import { useState } from 'react';
import { Community, Street } from '../../contract';
import { ChoiceChips } from './ChoiceChips';

/** A community chosen the way residents name where they live: first the street (街道), then its community. */
export function CommunityByStreet({
  streets,
  communities,
  onChoose,
}: {
  streets: Street[];
  communities: Community[];
  onChoose: (community: Community) => void;
}) {
  const [streetId, setStreetId] = useState<string | undefined>();
  return (
    <View data-testid='community-picker'>
      <View className='section-title t-small'>先选街道，再选社区：</View>
      <ChoiceChips options={streets.map((s) => s.id)} labels={Object.fromEntries(streets.map((s) => [s.id, s.name]))} value={streetId} onChange={setStreetId} />
      {streetId && (
        <View className='row wrap gap section-title'>
          {communities
            .filter((c) => c.streetId === streetId)
            .map((c) => (
              <Button key={c.id} className='chip' onClick={() => onChoose(c)}>
                {c.name}
              </Button>
            ))}
        </View>
      )}
    </View>
  );
}
