/**
 * The resident's four tabs, one list for both tab bars: app.config.ts hands it to WeChat and Taro's h5
 * router (tabBar.list), and the weapp custom tab bar (src/custom-tab-bar) draws it. Pure data: the app
 * config is compiled in Node. Icons are drawn from src/assets/icons by scripts/tabbar-icons.mjs.
 */
export const TABS = [
  { pagePath: 'pages/service/index', text: '服务', iconPath: 'assets/tabbar/service.png', selectedIconPath: 'assets/tabbar/service-selected.png' },
  { pagePath: 'pages/events/index', text: '活动', iconPath: 'assets/tabbar/events.png', selectedIconPath: 'assets/tabbar/events-selected.png' },
  { pagePath: 'pages/stations/index', text: '服务站', iconPath: 'assets/tabbar/stations.png', selectedIconPath: 'assets/tabbar/stations-selected.png' },
  { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-selected.png' },
];

/** Label colours, both ≥ 4.5:1 on white (#4A4A4A 8.9:1, #B3261E 6.5:1). */
export const TAB_COLORS = { color: '#4A4A4A', selectedColor: '#B3261E', backgroundColor: '#FFFFFF' };
