import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Screen } from '../../components/Screen';
import { CheckInQr } from './CheckInQr';

/**
 * The code to scan at the door, as large as the screen allows: opened from a confirmed booking or event
 * sign-up (CheckInCode), with what it is for above it.
 */
export default function PassPage() {
  const { params } = useRouter();
  const code = params.code ? decodeURIComponent(params.code) : '';
  const title = params.title ? decodeURIComponent(params.title) : '';
  return (
    <Screen>
      {code ? (
        <View className='card'>
          {title && <View className='t-title'>{title}</View>}
          <CheckInQr code={code} />
          <View className='t-small' style='text-align: center'>
            请把这一页给队长或工作人员扫码签到
          </View>
        </View>
      ) : (
        <View className='card alert' role='alert'>
          没有找到签到码，请回到预约或报名页面重新打开
        </View>
      )}
      <Button className='btn btn-block' onClick={() => Taro.navigateBack()}>
        返回
      </Button>
    </Screen>
  );
}
