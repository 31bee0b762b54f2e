import { View } from '@tarojs/components';
import { PropsWithChildren } from 'react';
import { useFontScale } from '../stores/display';
import { DemoIdentityBar } from './DemoIdentityBar';

/** Every page's frame: the font scale (长辈模式 × system font size) and, in the local h5 build only, the demo identity switch. */
export function Screen({ children }: PropsWithChildren) {
  const scale = useFontScale();
  return (
    <View className='screen' style={`--font-scale: ${scale}`}>
      {process.env.TARO_ENV === 'h5' && <DemoIdentityBar />}
      {children}
    </View>
  );
}
