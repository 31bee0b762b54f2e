import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/** The shared contract and pure rules live beside src/ and are compiled into the app too. */
const sharedFolders = [path.resolve(__dirname, '..', 'contract'), path.resolve(__dirname, '..', 'rules')];
const shared = { include: sharedFolders };

/**
 * Taro build configuration: weapp (the real target, dist/weapp, where project.config.json's
 * miniprogramRoot points) and h5 (the local browser build, dist/h5, served by the local cloud).
 */
export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'xingfu-jiayuan',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {},
    // Images WeChat's native components read by path (the station map's pins), copied as they are.
    copy: { patterns: [{ from: 'src/assets/map/', to: `dist/${process.env.TARO_ENV}/assets/map/` }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Taro writes one copy of its element templates per nesting level into the main package's base.wxml
    // (about 2.7 KB each); deeper trees fall back to a recursive component. 14 levels cover our pages.
    baseLevel: 14,
    // Taro's default minifier escapes every Chinese character as \uXXXX: six bytes where UTF-8 takes
    // three. WeChat reads its code as UTF-8, so the text stays as written (docs/PERFORMANCE.md has the figures).
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      compile: shared,
      // Modules used only by subpackages stay out of the main package.
      optimizeMainPackage: { enable: true },
      // The contract's and the rules' modules only declare things: marked free of side effects, the bundler
      // keeps only those a page uses, so a page that needs a label does not carry zod and every schema.
      webpackChain(chain) {
        const rule = chain.module.rule('shared-side-effect-free');
        sharedFolders.forEach((folder) => rule.include.add(folder));
        rule.set('sideEffects', false);
      },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
    },
    h5: {
      compile: shared,
      publicPath: '/',
      staticDirectory: 'static',
      // Hash routing: the local cloud serves the build as static files, no server routes needed.
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
    },
  };
  return config;
});
