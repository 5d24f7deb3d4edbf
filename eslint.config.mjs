import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'coverage/**', 'bin/**'] },
  js.configs.recommended,
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The tab (React): the same rules as the rest of the TypeScript.
    files: ['tab/**/*.tsx'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      // The domain is pure: no I/O, no SDKs, no adapters (also checked by tests/arch).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'child_process'], message: 'src/domain does no I/O: use a port.' },
            { group: ['**/adapters/**', '**/ports/**', '**/app/**', '**/server/**', '**/cli/**', '**/bot/**', '**/tab/**'], message: 'src/domain depends on nothing outside the domain.' },
          ],
        },
      ],
    },
  },
);
