import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'prisma/generated', 'dashboards/*.json', 'coverage', 'out'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through services/platform/env.ts only.' }],
      'max-lines': ['warn', { max: 320, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 70, skipBlankLines: true, skipComments: true }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }],
    },
  },
  {
    files: ['services/platform/env.ts', 'eslint.config.js', 'vitest.config.ts', 'prisma.config.ts', 'test/support/**', 'scripts/prisma-generate.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-exports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'test/**'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
