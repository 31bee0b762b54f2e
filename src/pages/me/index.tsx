import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { GRANTED_ROLES, ROLE_LABELS } from '../../../contract';
import { holds } from '../../../rules/permissions';
import { maskPhone } from '../../../rules/privacy';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useQuery } from '../../hooks/useQuery';
import { elderModeStore, setElderMode } from '../../stores/display';
import { homeChoiceStore, setHomeChoice } from '../../stores/home';
import { useShownTab } from '../../stores/tabBar';

/** The workbench each role opens (subpackages, loaded only when opened). */
const WORKBENCHES = {
  leader: { title: '队长工作台', url: '/packages/leader/index' },
  staff: { title: '社区工作台', url: '/packages/staff/index' },
  admin: { title: '区管理', url: '/packages/admin/index' },
} as const;

/** 我的 tab: my profile, 长辈模式, and the entries of my role. */
export default function MePage() {
  useShownTab('pages/me/index');
  const me = useQuery(async () => {
    const [who, communities] = await Promise.all([api.account.whoami({}), api.directory.listCommunities({})]);
    const community = communities.find((c) => c.id === who.user?.communityId);
    return { ...who, communityName: community?.name, communities };
  }, []);
  const unread = useQuery(() => api.messages.unreadCount({}), []);
  useDidShow(() => {
    if (me.status === 'ready') me.reload();
    if (unread.status !== 'loading') unread.refresh();
  });
  const elder = elderModeStore.use();
  const homeChoice = homeChoiceStore.use();
  const user = me.data?.user;
  const chosenHere = typeof homeChoice === 'object' && homeChoice ? me.data?.communities.find((c) => c.id === homeChoice.communityId) : undefined;
  // Asked again on 服务, where the first run asked it.
  const chooseHomeAgain = () => {
    setHomeChoice(null);
    void Taro.switchTab({ url: '/pages/service/index' });
  };
  // A person holding several roles sees each role's workbench.
  const held = me.data ? GRANTED_ROLES.filter((role) => holds(me.data!.roles, role)) : [];
  const roleTags = held.map((role) => (
    <Text key={role} className='tag tag-accent'>
      {ROLE_LABELS[role]}
    </Text>
  ));

  return (
    <Screen>
      <QueryView query={me} loadingText='正在读取您的信息…'>
        <View className='card' data-testid='profile-card'>
          {user ? (
            <>
              <View className='t-h1'>{user.name}</View>
              <View>手机：{maskPhone(user.phone)}</View>
              <View>社区：{me.data?.communityName ?? '未选择'}</View>
              <View className='row gap' style='margin-top: 8px'>
                {held.length ? roleTags : <Text className='tag tag-accent'>{ROLE_LABELS.resident}</Text>}
              </View>
            </>
          ) : (
            <>
              <View className='t-title'>欢迎使用幸福家园</View>
              <View className='t-small'>填写姓名、手机号和所在社区后，就可以预约服务、报名活动。</View>
              {held.length > 0 && <View className='row gap'>{roleTags}</View>}
            </>
          )}
          <Button className={`btn btn-block ${user ? '' : 'btn-primary'}`} onClick={() => Taro.navigateTo({ url: '/pages/me/profile' })}>
            {user ? '修改个人信息' : '填写个人信息'}
          </Button>
        </View>

        {!user?.communityId && (
          <View className='card row' role='button' data-testid='my-home' onClick={chooseHomeAgain}>
            <Text className='t-title grow'>我的社区</Text>
            <Text className='t-small'>{chosenHere?.name ?? '未选择'} · 更改 ›</Text>
          </View>
        )}
        <View className='card row' role='button' data-testid='my-bookings' onClick={() => Taro.navigateTo({ url: '/pages/me/bookings' })}>
          <Text className='t-title grow'>我的预约</Text>
          <Text className='t-small'>查看 ›</Text>
        </View>
        <View className='card row' role='button' data-testid='my-signups' onClick={() => Taro.navigateTo({ url: '/pages/me/signups' })}>
          <Text className='t-title grow'>我的活动报名</Text>
          <Text className='t-small'>查看 ›</Text>
        </View>
        <View className='card row' role='button' data-testid='my-messages' onClick={() => Taro.navigateTo({ url: '/pages/me/messages' })}>
          <Text className='t-title grow'>消息</Text>
          {unread.data && unread.data.count > 0 ? (
            <Text className='tag tag-accent'>{unread.data.count} 条未读</Text>
          ) : (
            <Text className='t-small'>{unread.data ? '没有未读' : ''}</Text>
          )}
          <Text className='t-small'>›</Text>
        </View>

        <View className='card row' role='button' data-testid='enter-invitation' onClick={() => Taro.navigateTo({ url: '/packages/invite/accept' })}>
          <Text className='t-title grow'>输入邀请码</Text>
          <Text className='t-small'>成为队长、社区工作者 ›</Text>
        </View>

        {held.map((role) => (
          <Button
            key={role}
            className='btn btn-primary btn-block'
            data-testid={`workbench-${role}`}
            onClick={() => Taro.navigateTo({ url: WORKBENCHES[role].url })}
          >
            进入{WORKBENCHES[role].title}
          </Button>
        ))}
      </QueryView>

      <View className='card row section-title'>
        <View className='grow'>
          <View className='t-title'>长辈模式</View>
          <View className='t-small'>字更大，按钮更大</View>
        </View>
        <Switch className='switch' checked={elder} color='#B3261E' onChange={(e) => setElderMode(e.detail.value)} aria-label='长辈模式' />
      </View>

      <View className='card t-small'>
        <View className='t-title'>隐私说明</View>
        <View>我们只保存您填写的姓名、手机号和所在社区，用于预约服务和报名活动时联系您。手机号只有为您服务的队长和审核的社区工作者能看到完整号码。</View>
      </View>
    </Screen>
  );
}
