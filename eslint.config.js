import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'coverage', 'tests/e2e/artifacts'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-alert': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Analyzers are pure TypeScript: no React, DOM, zustand or Monaco.
    files: ['src/analyzers/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*'], message: 'analyzers are pure TypeScript' },
            { group: ['zustand', 'zustand/*'], message: 'analyzers are pure TypeScript' },
            { group: ['monaco-editor', 'monaco-editor/*'], message: 'analyzers are pure TypeScript' },
            { group: ['recharts', '**/components/*', '**/store/*', '**/editor/*', '**/pages/*'], message: 'analyzers do not depend on the UI' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'fetch', 'Date'],
    },
  },
  {
    // The dump reader is pure TypeScript too: bytes in, text out, no UI and no clock.
    files: ['src/dump/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-*', 'react/*', 'zustand', 'zustand/*', 'monaco-editor', 'monaco-editor/*'], message: 'the dump reader is pure TypeScript' },
            { group: ['recharts', '**/components/*', '**/store/*', '**/editor/*', '**/pages/*', '**/worker/*'], message: 'the dump reader does not depend on the UI' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'fetch', 'Date'],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
);
