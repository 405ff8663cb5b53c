// One flat config for the whole workspace. The sans-I/O core and the packages the browser
// imports (protocol, catalog, exchange, lint) must not reach for Node: DESIGN.md, "Sans-I/O core".
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserSafe = [
  'packages/protocol/src/**',
  'packages/catalog/src/**',
  'packages/exchange/src/**',
  'packages/lint/src/**',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**', '**/test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: browserSafe,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['node:*'], message: 'Browser-safe package: no node:* imports.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'Buffer',
          'process',
          'require',
          'setImmediate',
          '__dirname',
          '__filename',
          'global',
        ].map((name) => ({ name, message: `Browser-safe package: ${name} is Node-only.` })),
      ],
    },
  },
);
