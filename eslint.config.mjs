// Lint rules that catch what reviews miss in a Temporal codebase: a forgotten
// `await` on an activity, a workflow API or a `close()`, and Node or I/O
// libraries creeping into workflow code, which must stay deterministic.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Libraries that do I/O or read the clock and environment: activities may use them, workflows never. */
const IO_LIBRARIES = [
  '@temporalio/activity',
  '@temporalio/client',
  '@temporalio/testing',
  '@temporalio/worker',
  '@temporalio/envconfig',
  'nodemailer',
  'pdfkit',
  'ics',
  'handlebars',
  'csv-parse',
  'commander',
  'cli-table3',
  'cli-progress',
  'smtp-server',
  'mailparser',
];

const nodeGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  process: 'readonly',
  console: 'readonly',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig([
  globalIgnores(['node_modules/', 'dist/', '.temporal/', 'var/', 'coverage/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // "Forgetting to await Activities and Workflow APIs is bad" (Temporal's samples).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Workflow code is replayed: it may import domain/, @temporalio/workflow and activity *types* only.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({ name, message: 'Node built-ins do I/O: use them in activities.' })),
            ...IO_LIBRARIES.map((name) => ({ name, message: 'I/O belongs in activities, not in workflow code.' })),
            {
              name: '../activities',
              allowTypeImports: true,
              message: 'Import activity types only (`import type`) and call them through proxyActivities.',
            },
          ],
          patterns: [
            { group: ['node:*'], message: 'Node built-ins do I/O: use them in activities.' },
            {
              group: ['../activities/*', '!../activities/contracts'],
              allowTypeImports: true,
              message: 'Import activity types only (`import type`) and call them through proxyActivities.',
            },
          ],
        },
      ],
    },
  },
]);
