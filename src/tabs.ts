/**
 * The resident's four tabs, one list for both tab bars: app.config.ts hands it to WeChat and Taro's h5
 * router (tabBar.list), and the weapp custom tab bar (src/custom-tab-bar) draws it. Pure data: the app
 * config is compiled in Node.
 */
export const TABS = [
  { pagePath: 'pages/service/index', text: '服务', icon: 'service' },
  { pagePath: 'pages/events/index', text: '活动', icon: 'events' },
  { pagePath: 'pages/stations/index', text: '服务站', icon: 'stations' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' },
];

/** A tab's PNG (WeChat's tab bar takes no SVG), drawn from src/assets/icons by scripts/tabbar-icons.mjs. */
export const tabIconPath = (icon: string, selected: boolean) => `assets/tabbar/${icon}${selected ? '-selected' : ''}.png`;

/** Label colours, both ≥ 4.5:1 on white (#4A4A4A 8.9:1, #B3261E 6.5:1). */
export const TAB_COLORS = { color: '#4A4A4A', selectedColor: '#B3261E', backgroundColor: '#FFFFFF' };
