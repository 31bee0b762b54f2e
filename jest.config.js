/**
 * Four kinds of tests, one run:
 * - node: the local cloud, functions, contract, rules, demo data, the deploy plan (ts-jest, no type checking here:
 *   `npm run typecheck` does that once);
 * - app: components and pages with React Testing Library against Taro's h5 components (jsdom);
 * - weapp: the built mini-program's pages rendered by miniprogram-simulate (jsdom);
 * - e2e: the h5 app in Debian's Chromium, driven by playwright-core.
 */
const tsJest = { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false }] };

/**
 * TEST_NOW (an ISO instant, e.g. 2027-02-28T23:30:00+08:00) runs every test file as if from that instant
 * on (test/setup-clock.ts); the local clouds, seeders and browsers the tests start follow it.
 */
const setupFiles = ['<rootDir>/test/setup-clock.ts'];

module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'node',
      setupFiles,
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/{localcloud,functions,contract,rules,demo,deploy}/**/*.test.ts'],
      transform: tsJest,
    },
    {
      displayName: 'app',
      setupFiles,
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/app/**/*.test.tsx'],
      setupFilesAfterEnv: ['<rootDir>/test/app/setup.ts'],
      transform: { '^.+\\.(t|j)sx?$': 'babel-jest', '^.+\\.mjs$': 'babel-jest', '^.+\\.svg$': '<rootDir>/test/app/svg-transform.js' },
      // Taro's h5 packages and their dependencies ship ES modules: transform all but known CommonJS ones.
      transformIgnorePatterns: [
        '/node_modules/(react|react-dom|scheduler|@testing-library|@babel|@jest|jest[^/]*|babel[^/]*|core-js[^/]*|zod|dayjs|jsdom|pretty-format|pirates)/',
      ],
      moduleNameMapper: {
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '^@tarojs/taro$': '@tarojs/taro-h5',
        '\\.css$': '<rootDir>/test/app/style-stub.js',
      },
      // Build-time flags Taro's webpack build defines.
      globals: {
        DEPRECATED_ADAPTER_COMPONENT: false,
        SUPPORT_DINGTALK_NAVIGATE: 'disabled',
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: true,
      },
    },
    {
      displayName: 'weapp',
      setupFiles,
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      transform: tsJest,
    },
    {
      displayName: 'e2e',
      setupFiles,
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform: tsJest,
    },
  ],
};
