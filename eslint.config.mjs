// ESLint (flat config): typescript-eslint's recommended rules, the rules of React hooks, and the
// project's one rule of its own: nothing reads the wall clock but the clock seams. Formatting is
// Prettier's (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const WALL_CLOCK = 'Read "now" from the clock seam: useNow() in the app, ctx.now (or clock.now()) in functions; rules take it as an argument.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.swc/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      // A `let` assigned once after a closure that reads it (a server's handler) stays `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'test/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The code that runs for users: the app, the functions, the rules and contract they share, the demo data.
    files: ['src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts', 'rules/**/*.ts', 'contract/**/*.ts', 'demo/**/*.ts'],
    ignores: ['src/hooks/useNow.ts', 'cloudfunctions/_shared/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: WALL_CLOCK },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: WALL_CLOCK },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs}', 'scripts/**/*.mjs', 'bench/**/*.mjs', 'config/**/*.ts'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests assert on loosely typed answers, and load the SDK only after pointing it at the local cloud
    // (as do the benchmarks and the demo seeder).
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'demo/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
