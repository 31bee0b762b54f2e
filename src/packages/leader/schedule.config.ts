export default definePageConfig({ navigationBarTitleText: '编辑固定服务日' });
