// Flat config shared by every package: typescript-eslint's recommended rules, plus the
// project rule that the core never imports a Node built-in (it must run on the Edge runtime).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['packages/jwt-core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'crypto', 'buffer', 'path', 'http', 'https', 'os', 'stream', 'util'], message: 'The core must run on the Edge runtime: no Node built-ins.' }] }],
    },
  },
);
