import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Screen } from '../../components/Screen';

/** 区管理: the district admin's entries. */
export default function AdminWorkbench() {
  return (
    <Screen>
      <View className='card row' role='button' data-testid='registry-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/registry' })}>
        <Text className='t-title grow'>辖区管理</Text>
        <Text className='t-small'>街道、社区、小区、服务队 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='import-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/import' })}>
        <Text className='t-title grow'>从 Excel 导入</Text>
        <Text className='t-small'>模板、预览、确认 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='changes-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/changes' })}>
        <Text className='t-title grow'>操作记录</Text>
        <Text className='t-small'>谁改了什么 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='approvals-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/approvals' })}>
        <Text className='t-title grow'>待审核预约（全区）</Text>
        <Text className='t-small'>›</Text>
      </View>
      <View className='card row' role='button' data-testid='stations-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/stations' })}>
        <Text className='t-title grow'>服务站管理（全区）</Text>
        <Text className='t-small'>›</Text>
      </View>
      <View className='card row' role='button' data-testid='coverage-entry' onClick={() => Taro.navigateTo({ url: '/packages/staff/coverage' })}>
        <Text className='t-title grow'>15分钟服务圈覆盖</Text>
        <Text className='t-small'>›</Text>
      </View>
      <View className='card row' role='button' data-testid='people-entry' onClick={() => Taro.navigateTo({ url: '/packages/admin/people' })}>
        <Text className='t-title grow'>人员与角色</Text>
        <Text className='t-small'>查找、增加、撤销 ›</Text>
      </View>
      <View className='card row' role='button' data-testid='invitations-entry' onClick={() => Taro.navigateTo({ url: '/packages/admin/invitations' })}>
        <Text className='t-title grow'>邀请</Text>
        <Text className='t-small'>邀请码和二维码 ›</Text>
      </View>
    </Screen>
  );
}
