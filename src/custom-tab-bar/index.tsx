import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { elderModeStore, systemFontScale } from '../stores/display';
import { shownTabStore } from '../stores/tabBar';
import { TAB_COLORS, TABS, tabIconPath } from '../tabs';
import './index.css';

/** 长辈模式 draws the tab bar half as large again: 16 px labels become 24 px, 48 px targets 72 px. */
export const TAB_BAR_ELDER_SCALE = 1.5;
/** The largest scale at which the longest label (服务站, three characters) still fits a quarter of the screen. */
export const TAB_BAR_MAX_SCALE = 1.8;

/**
 * The weapp tab bar (WeChat's own cannot change its font size): the four tabs with icon and label,
 * sized by 长辈模式 and WeChat's font setting. The tab on screen is marked by colour, bold label and an
 * underline, never by colour alone.
 */
export default function CustomTabBar() {
  const elder = elderModeStore.use();
  const shown = shownTabStore.use();
  const scale = Math.min((elder ? TAB_BAR_ELDER_SCALE : 1) * systemFontScale, TAB_BAR_MAX_SCALE);
  return (
    <View className='tab-bar' style={`--tab-scale: ${scale}; background-color: ${TAB_COLORS.backgroundColor}`}>
      {TABS.map((tab) => {
        const selected = tab.pagePath === shown;
        return (
          <View
            key={tab.pagePath}
            className={selected ? 'tab-bar-item tab-bar-item-selected' : 'tab-bar-item'}
            aria-role='tab'
            aria-selected={selected ? 'true' : 'false'}
            onClick={() => Taro.switchTab({ url: `/${tab.pagePath}` })}
          >
            <Image className='tab-bar-icon' src={`/${tabIconPath(tab.icon, selected)}`} aria-hidden='true' />
            <Text className='tab-bar-label' style={`color: ${selected ? TAB_COLORS.selectedColor : TAB_COLORS.color}`}>
              {tab.text}
            </Text>
          </View>
        );
      })}
    </View>
  );
}
