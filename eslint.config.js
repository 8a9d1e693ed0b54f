import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const uiOrHttp = [
  'electron',
  'electron/*',
  'vue',
  'pinia',
  'fastify',
  '@fastify/*',
  'electron-log',
  'electron-log/*',
];

// Rule 5 of ARCHITECTURE.md (side effects behind small interfaces): only core/src/db touches the
// database library and the entities; the rest of the app goes through the repositories
// (core/src/db/*-repository.ts) and their records.
const dbLayer = {
  group: ['typeorm', 'typeorm/*', 'better-sqlite3', '**/db/entities', '**/db/entities/**'],
  message:
    'Only core/src/db imports TypeORM and the entities: use a repository of core/src/db and the records of core/src/db/records.ts.',
};

// Test code may reach the database directly: tests seed states the repositories refuse or cannot
// make (a session left RECORDING by a crash, rows of an older version, damaged values) and check
// what is really stored, independently of the repository under test. Benchmarks seed likewise.
const testCode = [
  '**/*.test.ts',
  'core/test-support/**',
  'core/bench/**',
  'core/src/**/test-fixtures.ts',
  'core/src/**/test-harness.ts',
  'core/src/**/test-support.ts',
  'core/src/operations/resource-test-context.ts',
];

// TEMPORARY (issue 12): the session code that the sessions workstream (i12-sessions) is moving to
// its repositories still reaches the entities. Remove this list at that merge: it must end empty
// (there, the record types come from core/src/db/records.ts, not db/entities/records.ts).
const sessionCodeUntilItsRepository = [
  'core/cli/record.ts',
  'core/src/lifecycle/recovery-wiring.ts',
  'core/src/lifecycle/retention.ts',
  'core/src/operations/sessions.ts',
  'core/src/pipeline/run-session.ts',
  'core/src/pipeline/session-store.ts',
  'core/src/pipeline/transfer-queue.ts',
  'core/src/scheduler/missed-runs.ts',
  'core/src/scheduler/scheduler.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // Rule 1 of ARCHITECTURE.md: imports flow one way.
  {
    files: ['core/src/**/*.ts', 'core/test-support/**/*.ts', 'core/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiOrHttp,
              message: 'core/src is framework-agnostic: no electron, vue, pinia or HTTP framework.',
            },
            {
              group: ['**/server/**', '**/electron/**', '**/renderer/**'],
              message: 'core/src must not import hosts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['core/**/*.ts', 'electron/**/*.ts'],
    ignores: ['core/src/db/**', ...testCode, ...sessionCodeUntilItsRepository],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [dbLayer] }] },
  },
  {
    files: ['core/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'os',
                'child_process',
                'typeorm',
                'better-sqlite3',
                ...uiOrHttp,
              ],
              message: 'core/contract is pure: the renderer imports it.',
            },
            {
              group: ['**/src/**', '**/server/**'],
              message: 'core/contract imports nothing else from core.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'setTimeout', 'setInterval', 'Buffer'],
    },
  },
  {
    files: ['core/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'electron/*', 'vue', 'pinia', '**/electron/**', '**/renderer/**'],
              message: 'core/server never imports electron or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    // the build's own config runs in Node (it resolves the @contract alias), not in the browser
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/core/src/**',
                '**/core/server/**',
                '**/electron/**',
                'electron',
                'node:*',
                'typeorm',
                'better-sqlite3',
              ],
              message: 'The renderer imports only core/contract from core.',
            },
            {
              // `@contract` is core/contract (renderer/vite.config.ts): a `..` would leave it
              regex: '^@contract(/.*)?/\\.\\.(/|$)',
              message: 'The @contract alias is core/contract: import from inside it, without "..".',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
