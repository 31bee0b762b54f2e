import { Button, Input, View } from '@tarojs/components';
import type { BaseEventOrig, ButtonProps } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Community, User } from '../../../contract';
import { useState } from 'react';
import { BusyButton } from '../../components/BusyButton';
import { api } from '../../api/client';
import { QueryView } from '../../components/QueryView';
import { Screen } from '../../components/Screen';
import { useAction } from '../../hooks/useAction';
import { useQuery } from '../../hooks/useQuery';
import { CommunityPicker } from '../../components/CommunityPicker';
import { Icon } from '../../components/Icon';

/** Fill in or change my name, phone and community. */
export default function ProfilePage() {
  const data = useQuery(() => Promise.all([api.account.whoami({}), api.directory.listCommunities({})]), []);
  return (
    <Screen>
      <QueryView query={data}>{data.data && <ProfileForm user={data.data[0].user} communities={data.data[1]} />}</QueryView>
    </Screen>
  );
}

/**
 * The form starts from the saved profile: rendered only once it has loaded, so each field's first value is
 * the saved one (Taro's h5 input logs an error when its value changes before it has drawn itself).
 */
function ProfileForm({ user, communities }: { user: User | null; communities: Community[] }) {
  const [name, setName] = useState(user?.name ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [communityId, setCommunityId] = useState<string | null>(user?.communityId ?? null);
  const saving = useAction();
  const fillingPhone = useAction();

  /** WeChat's phone-number button: a code when the person allows it (nothing when they decline), decoded by the account function. */
  const fillPhoneFromWeChat = (e: BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>) => {
    const { code } = e.detail;
    if (!code) return;
    void fillingPhone.run(async () => setPhone((await api.account.phoneFromWeChat({ code })).phone));
  };

  const save = async () => {
    const input = { name, phone, communityId };
    // A new environment has no communities yet: its first admin registers before any exist (and picks one later).
    if (!communityId && communities.length > 0) return saving.refuse('请选择所在社区');
    await saving.run(async () => {
      await api.account.updateProfile(input);
      await Taro.showToast({ title: '已保存', icon: 'success' });
      setTimeout(() => Taro.navigateBack(), 600);
    });
  };

  return (
    <>
      <View className='card'>
        <View className='t-title'>姓名</View>
        <Input className='input' value={name} maxlength={20} placeholder='请输入姓名' onInput={(e) => setName(e.detail.value)} aria-label='姓名' />
        <View className='t-title section-title'>手机号</View>
        <Input
          className='input'
          type='number'
          value={phone}
          maxlength={11}
          placeholder='11 位手机号'
          onInput={(e) => setPhone(e.detail.value)}
          aria-label='手机号'
        />
        {process.env.TARO_ENV === 'weapp' && (
          <Button
            className='btn btn-block field'
            openType='getPhoneNumber'
            onGetPhoneNumber={fillPhoneFromWeChat}
            disabled={fillingPhone.busy}
            data-testid='phone-from-wechat'
          >
            {fillingPhone.busy ? '正在读取微信手机号…' : '使用微信绑定的手机号'}
          </Button>
        )}
        {fillingPhone.problem && (
          <View className='t-small tag-warn' role='alert'>
            <Icon name='warning' />
            {fillingPhone.problem}
          </View>
        )}
        <View className='t-title section-title'>所在社区</View>
        {communities.length > 0 ? (
          <CommunityPicker communities={communities} value={communityId} onChange={(id) => setCommunityId(id ?? null)} label='所在社区' />
        ) : (
          <View className='t-small' data-testid='no-communities'>
            还没有登记社区，可以先不选，登记后再来修改。
          </View>
        )}
      </View>
      {saving.problem && (
        <View className='card tag-warn' role='alert'>
          <Icon name='warning' />
          {saving.problem}
        </View>
      )}
      <BusyButton className='btn btn-primary btn-block' busy={saving.busy} busyText='正在保存…' onClick={save}>
        保存
      </BusyButton>
    </>
  );
}
