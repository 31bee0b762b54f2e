import { Button, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Icon } from './Icon';

/** Tap to call: the number on the button, kept on one line, and WeChat's dialler on a tap. */
export function CallButton({ phone, label, testId }: { phone: string; label: string; testId?: string }) {
  return (
    <Button className='btn grow' data-testid={testId} onClick={() => Taro.makePhoneCall({ phoneNumber: phone })}>
      <Icon name='phone' />
      {label} <Text className='nowrap'>{phone}</Text>
    </Button>
  );
}
