import { View } from '@tarojs/components';
import { PropsWithChildren } from 'react';
import { useDisplay } from '../stores/display';
import { DemoIdentityBar } from './DemoIdentityBar';

/** Every page's frame: 长辈模式's sizes, the system font size and, in the local h5 build only, the demo identity switch. */
export function Screen({ children }: PropsWithChildren) {
  const { elder, systemScale } = useDisplay();
  return (
    <View className={elder ? 'screen screen-elder' : 'screen'} style={`--font-scale: ${systemScale}`}>
      {process.env.TARO_ENV === 'h5' && <DemoIdentityBar />}
      {children}
    </View>
  );
}
