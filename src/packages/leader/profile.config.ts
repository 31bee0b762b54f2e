export default definePageConfig({ navigationBarTitleText: '服务队介绍和联系电话' });
