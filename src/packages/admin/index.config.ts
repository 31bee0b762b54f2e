export default definePageConfig({ navigationBarTitleText: '区管理' });
