import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Community, NearestCompound, User } from '../../contract';
import { api } from '../api/client';
import { useQuery } from '../hooks/useQuery';
import { locateMe } from '../platform/location';
import { elderModeStore, setElderMode } from '../stores/display';
import { HomeChoice, setHomeChoice } from '../stores/home';
import { BusyButton } from './BusyButton';
import { CommunityByStreet } from './CommunityByStreet';
import { QueryView } from './QueryView';
import { Toggle } from './Toggle';

type Guess = { kind: 'idle' | 'locating' | 'refused' | 'unavailable' | 'outside' } | { kind: 'found'; compound: NearestCompound; community: Community };

/** How many communities a search shows at most: a longer list is no help, a longer name is. */
const SEARCH_SHOWN = 8;

/**
 * The first run: where the resident lives (by street, by name, or the compound nearest them when they
 * allow location), so 服务 and 活动 start from their community; and 长辈模式, offered before anything
 * else is read. Skippable: the list then shows the whole district, and 我的 asks again.
 */
export function HomeChooser({ user }: { user: User | null }) {
  const places = useQuery(() => Promise.all([api.directory.listStreets({}), api.directory.listCommunities({})]), []);
  const [streets, communities] = places.data ?? [[], []];
  const elder = elderModeStore.use();
  const [search, setSearch] = useState('');
  const [guess, setGuess] = useState<Guess>({ kind: 'idle' });
  const typed = search.trim();
  const found = typed ? communities.filter((c) => c.name.includes(typed)) : [];

  // The list takes this screen's place: from its top, not where the resident had scrolled to.
  const answer = (choice: HomeChoice) => {
    setHomeChoice(choice);
    void Promise.resolve(Taro.pageScrollTo({ scrollTop: 0, duration: 0 })).catch(() => undefined);
  };
  const choose = (community: Community) => {
    answer({ communityId: community.id });
    // A registered resident's profile keeps it too; should that fail, this device still knows it.
    if (user) void api.account.updateProfile({ name: user.name, phone: user.phone, communityId: community.id }).catch(() => undefined);
  };
  const locate = async () => {
    setGuess({ kind: 'locating' });
    const result = await locateMe();
    if (result.kind !== 'position') return setGuess({ kind: result.kind });
    const compound = await api.directory.nearestCompound({ position: result.position }).catch(() => null);
    const community = compound && communities.find((c) => c.id === compound.communityId);
    setGuess(compound && community ? { kind: 'found', compound, community } : { kind: 'outside' });
  };

  return (
    <View data-testid='home-chooser'>
      <View className='card'>
        <View className='t-h1'>您住在哪个社区？</View>
        <View className='t-small'>选好后，“服务”和“活动”先显示您社区和附近的服务队、活动。以后可以在“我的”里更改。</View>
        <Toggle checked={elder} onChange={setElderMode} testId='first-run-elder'>
          <View className='t-title'>长辈模式</View>
          <View className='t-small'>字更大，按钮更大</View>
        </Toggle>
      </View>

      <QueryView query={places} loadingText='正在加载社区…'>
        <View className='card'>
          <View className='t-title'>按名称找</View>
          <Input className='input' placeholder='输入社区名称中的字，如“福新”' value={search} onInput={(e) => setSearch(e.detail.value)} aria-label='搜索社区' />
          {typed && (
            <View className='row wrap gap section-title' data-testid='community-search-results'>
              {found.slice(0, SEARCH_SHOWN).map((c) => (
                <Button key={c.id} className='chip' onClick={() => choose(c)}>
                  {c.name}
                </Button>
              ))}
              {found.length === 0 && <View className='t-small'>没有名称里有“{typed}”的社区，换几个字试试，或按街道找</View>}
              {found.length > SEARCH_SHOWN && <View className='t-small'>还有 {found.length - SEARCH_SHOWN} 个，多输入几个字</View>}
            </View>
          )}
        </View>

        <View className='card'>
          <View className='t-title'>按街道找</View>
          <CommunityByStreet streets={streets} communities={communities} onChoose={choose} />
        </View>

        <View className='card' data-testid='home-by-location'>
          <View className='t-title'>按位置找</View>
          <View className='t-small'>找出离您最近的小区。您的位置只用于这一次查找，不会保存；不点下面的按钮，我们不会获取位置。</View>
          <BusyButton className='btn btn-block' busy={guess.kind === 'locating'} busyText='正在获取位置…' onClick={locate}>
            用我的位置找
          </BusyButton>
          {guess.kind === 'found' && (
            <View className='section-title'>
              <View>
                离您最近的小区：{guess.compound.compoundName}（{guess.community.name}）
              </View>
              <Button className='btn btn-primary btn-block' onClick={() => choose(guess.community)}>
                我住在{guess.community.name}
              </Button>
            </View>
          )}
          {guess.kind === 'refused' && (
            <View className='card notice' role='alert'>
              没有获得位置权限。可以按名称或街道找您的社区。
            </View>
          )}
          {(guess.kind === 'unavailable' || guess.kind === 'outside') && (
            <View className='card notice' role='alert'>
              {guess.kind === 'outside' ? '您附近没有福山区的小区。' : '暂时无法获取您的位置（可能是信号不好）。'}可以按名称或街道找您的社区。
            </View>
          )}
        </View>
      </QueryView>

      <Button className='btn btn-block' onClick={() => answer('skipped')}>
        跳过，先看全区的服务
      </Button>
    </View>
  );
}
