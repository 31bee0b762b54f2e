export default definePageConfig({ navigationBarTitleText: '服务安排' });
