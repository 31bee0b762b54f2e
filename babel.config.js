// Taro's preset compiles the app (React + TypeScript); jest uses it for component tests too.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
