export default definePageConfig({ navigationBarTitleText: '15分钟服务圈覆盖' });
