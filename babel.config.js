// Taro's preset compiles the app (React + TypeScript). Under jest (component tests of the h5 build)
// Taro's h5 build step that turns `Taro.api()` into named imports of @tarojs/taro-h5 is added here.
const isJest = process.env.NODE_ENV === 'test';

module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: isJest
    ? [
        [
          require.resolve('babel-plugin-transform-taroapi'),
          { packageName: '@tarojs/taro', definition: require('@tarojs/plugin-platform-h5/dist/definition.json') },
        ],
      ]
    : [],
};
