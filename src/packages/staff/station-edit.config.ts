export default definePageConfig({ navigationBarTitleText: '服务站信息' });
