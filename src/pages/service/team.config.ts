// Shared to a chat or 朋友圈 from WeChat's menu (what is shared: src/share.ts).
export default definePageConfig({ navigationBarTitleText: '服务队', enableShareAppMessage: true, enableShareTimeline: true });
