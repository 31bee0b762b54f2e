import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { api } from '../../api/client';
import { ChoiceChips } from '../../components/ChoiceChips';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { RegistryCommunities } from './RegistryCommunities';
import { DistrictForm, StreetForm } from './RegistryForms';
import { ActiveTag } from './registryParts';

/**
 * 辖区管理 (district admins): the district, its streets, and a street's communities, each created, edited
 * and stopped here; a community opens its compounds and teams (the pages its staff use).
 */
export default function RegistryPage() {
  const tree = useQuery(async () => {
    const districts = await api.registry.listDistricts({});
    const streets = await api.registry.listStreets({});
    return { districts, streets };
  }, []);
  const [streetId, setStreetId] = useState<string | undefined>();
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [editing, setEditing] = useState<string | null>(null);
  const data = tree.data;
  const districts = data?.districts ?? [];
  // A second district is data like the first: chosen here (the first until then).
  const district = districts.find((d) => d.id === districtId) ?? districts[0];
  const streets = (data?.streets ?? []).filter((s) => !district || s.districtId === district.id);
  const street = streets.find((s) => s.id === streetId);
  const done = (changed: boolean) => (setEditing(null), changed && tree.refresh());
  return (
    <Screen>
      <QueryView query={tree} empty={false} loadingText='正在读取辖区…'>
        {data && !district && editing !== 'district:new' && (
          <View className='card'>
            <View>还没有登记区。请先建好区，再添加街道和社区。</View>
            <Button className='btn btn-primary btn-block section-title' onClick={() => setEditing('district:new')}>
              登记区
            </Button>
          </View>
        )}
        {districts.length > 1 && (
          <ChoiceChips
            options={districts.map((d) => d.id)}
            labels={Object.fromEntries(districts.map((d) => [d.id, d.name]))}
            value={district?.id}
            onChange={(id) => id && (setDistrictId(id), setStreetId(undefined))}
          />
        )}
        {editing === 'district:new' && <DistrictForm onDone={done} />}
        {district &&
          (editing === `district:${district.id}` ? (
            <DistrictForm district={district} onDone={done} />
          ) : (
            <View className='card row' data-testid='district'>
              <Text className='t-h1 grow'>{district.name}</Text>
              <ActiveTag active={district.active} />
              <Button className='btn' onClick={() => setEditing(`district:${district.id}`)}>
                编辑
              </Button>
            </View>
          ))}
        {district && editing === null && (
          <Button className='btn btn-block' data-testid='new-district' onClick={() => setEditing('district:new')}>
            另登记一个区
          </Button>
        )}
        {district && (
          <>
            <View className='t-title section-title'>街道（{streets.length}）</View>
            {streets.map((s) =>
              editing === `street:${s.id}` ? (
                <StreetForm key={s.id} districtId={district.id} street={s} onDone={done} />
              ) : (
                <View key={s.id} className={`card ${s.id === streetId ? 'pick-on' : ''}`} data-testid='street-row'>
                  <View className='row tap-row' role='button' onClick={() => setStreetId(s.id === streetId ? undefined : s.id)}>
                    <Text className='t-title grow'>{s.name}</Text>
                    <ActiveTag active={s.active} />
                  </View>
                  <View className='row gap field'>
                    <Button className='btn grow' onClick={() => setStreetId(s.id === streetId ? undefined : s.id)}>
                      {s.id === streetId ? '收起社区' : '查看社区'}
                    </Button>
                    <Button className='btn' onClick={() => setEditing(`street:${s.id}`)}>
                      编辑
                    </Button>
                  </View>
                </View>
              ),
            )}
            {editing === 'street:new' ? (
              <StreetForm districtId={district.id} onDone={done} />
            ) : (
              <Button className='btn btn-block' onClick={() => setEditing('street:new')}>
                新建街道
              </Button>
            )}
            {street && <RegistryCommunities key={street.id} street={street} streets={streets} />}
          </>
        )}
      </QueryView>
    </Screen>
  );
}
