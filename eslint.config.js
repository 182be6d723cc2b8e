import tseslint from 'typescript-eslint'
import regexp from 'eslint-plugin-regexp'

export default tseslint.config(
  { ignores: ['node_modules/**', 'coverage/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // A regex that backtracks super-linearly lets one request freeze the server (issue 20: the e-mail check took
    // 16 s on a 120 KB body). Every file, every regex literal and RegExp call.
    files: ['**/*.{ts,js,mjs,cjs}'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  // CommonJS on purpose (test/package/consumer/require.cjs plays a CommonJS consumer).
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    // The control panel's client runs in the browser as a plain ES module: browser globals, and no-undef for them.
    files: ['server/panel/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        ['window', 'document', 'location', 'navigator', 'fetch', 'EventSource', 'URL', 'URLSearchParams', 'getSelection', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'console'].map((name) => [name, 'readonly']),
      ),
    },
    rules: { 'no-undef': 'error' },
  },
)
