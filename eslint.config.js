import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import wuye from './lint-rules/boundaries.js';

// Transactions have one way in (docs/notes-lint.md): commands take a `tx`, whoever starts the unit
// of work calls inTransaction(db, fn).
const TRANSACTION_MESSAGE =
  'Open transactions only through inTransaction(db, (tx) => command(tx, ...)) from src/server/db/transaction: commands take the tx they are given and never open one.';
const ROUTE_TRANSACTION_MESSAGE =
  'Routes never open transactions: pass the work to a command inside inTransaction(db, (tx) => command(tx, ...)) from src/server/db/transaction.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'migrations/**', 'e2e/screenshots/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Boundaries between modules, and between the web, the contracts and the server.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { wuye },
    rules: { 'wuye/boundaries': 'error', 'wuye/no-module-cycles': 'error' },
  },
  {
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/db/transaction.ts', 'src/server/**/*.test.ts', 'src/server/test/**', 'src/server/**/test-kit.ts', 'src/server/**/testing.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='transaction']", message: TRANSACTION_MESSAGE }],
    },
  },
  {
    // Later block for routes so their message says what a route does instead.
    files: ['src/server/**/routes.ts', 'src/server/**/routes/**/*.ts'],
    ignores: ['src/server/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='transaction']", message: ROUTE_TRANSACTION_MESSAGE }],
    },
  },
  {
    files: ['scripts/**', 'bin/**', 'e2e/**', 'bench/**', 'src/server/main.ts', 'src/server/cli/**'],
    rules: { 'no-console': 'off' },
  },
);
