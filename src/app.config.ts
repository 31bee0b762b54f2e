import { TAB_COLORS, TABS, tabIconPath } from './tabs';

/**
 * Pages: the resident's four tabs and the pages they lead to live in the main package; the leader,
 * staff and admin workbenches are subpackages, loaded only by those who open them.
 */
export default defineAppConfig({
  pages: [
    'pages/service/index',
    'pages/events/index',
    'pages/stations/index',
    'pages/me/index',
    'pages/service/team',
    'pages/service/day',
    'pages/me/profile',
    'pages/me/bookings',
    'pages/me/booking',
    'pages/me/messages',
    'pages/events/detail',
    'pages/me/signups',
    'pages/stations/detail',
  ],
  subPackages: [
    { root: 'packages/leader', pages: ['index', 'schedule', 'session', 'profile'] },
    {
      root: 'packages/staff',
      pages: [
        'index',
        'approvals',
        'events',
        'event-edit',
        'roster',
        'stations',
        'station-edit',
        'coverage',
        'registry',
        'compounds',
        'teams',
        'changes',
        'import',
        'invitations',
      ],
    },
    { root: 'packages/admin', pages: ['index', 'people', 'invitations'] },
    // Opened from an invitation's QR code or 我的 → 输入邀请码.
    { root: 'packages/invite', pages: ['accept'] },
    // A confirmed booking's or sign-up's code as a QR image: the encoder stays out of the main package.
    { root: 'packages/pass', pages: ['index'] },
  ],
  // Fetched while the resident reads their booking or event, so 出示签到二维码 opens at once.
  preloadRule: {
    'pages/me/booking': { network: 'all', packages: ['packages/pass'] },
    'pages/events/detail': { network: 'all', packages: ['packages/pass'] },
  },
  // Location is private information: WeChat requires the APIs to be declared, the reason shown when
  // asking, and the user's consent to the privacy guide before they run (see src/platform/location.ts).
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: { 'scope.userLocation': { desc: '查找离您最近的党群服务站（只用于这次查找，不会保存）' } },
  __usePrivacyCheck__: true,
  window: {
    // Shows the title bar with a back button in the h5 build too (WeChat always shows it).
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#B3261E',
    navigationBarTitleText: '幸福家园',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F6F3EE',
  },
  tabBar: {
    ...TAB_COLORS,
    borderStyle: 'black',
    // WeChat's own tab bar keeps its labels at one size; on weapp ours (src/custom-tab-bar) grows with
    // 长辈模式. WeChat still requires the list. Taro's h5 router draws no tab bar when custom is set,
    // so h5 keeps its built-in one.
    custom: process.env.TARO_ENV === 'weapp',
    list: TABS.map(({ pagePath, text, icon }) => ({
      pagePath,
      text,
      iconPath: tabIconPath(icon, false),
      selectedIconPath: tabIconPath(icon, true),
    })),
  },
});
