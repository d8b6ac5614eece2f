// ESLint over the four workspaces, type-aware (typescript-eslint's project service reads each
// workspace's tsconfig.json). Run with `npm run lint`; `npm test` runs it first.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'deploy/worker/subprojects/**', 'test-results/**', '.diemcau/**', 'data/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // vitest.config.ts belongs to no workspace's tsconfig.
          allowDefaultProject: ['*.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits is a crash path (an unhandled rejection): these two are the reason for the linter.
      // `void` alone does not excuse a promise: a fire-and-forget ends with a .catch that logs.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          ignoreVoid: false,
          // socket.io's room membership is synchronous with the in-memory adapter the bridge uses (one process).
          allowForKnownSafeCalls: [{ from: 'package', package: 'socket.io', name: ['join', 'leave'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // Off: knex returns rows as `any` and the stores map them field by field into typed records at that edge;
      // typing every query would rewrite the store layer for no safety the mappers and zod do not already give.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // Off: `async` without `await` is how a method keeps a Promise-returning interface and turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Plain JavaScript (deploy scripts, worker build): no type information to check against.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
