export default definePageConfig({ navigationBarTitleText: '导入辖区信息' });
