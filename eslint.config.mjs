// Lint rules that catch what reviews miss in a Temporal codebase: a forgotten
// `await` on an activity, a workflow API or a `close()`, and Node or I/O
// libraries creeping into workflow code, which must stay deterministic.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

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

/**
 * Layers, lowest first; a layer imports only those below it (README, Development):
 * domain → security → platform → activities → workflows' messages → client, worker;
 * tooling/ (developer tooling) imports none of them.
 * Each zone names a layer (`target`) and what it must not import (`from`);
 * `except` is relative to its `from`. The workflow's messages and search
 * attributes are its public contract (they import only domain/ and
 * @temporalio/workflow), so activities and platform may use them. The rule
 * is checked by test/build/import-layers.test.ts, which plants an upward import.
 */
const TOP = ['client', 'worker', 'bench', 'scripts', 'test', 'test-faults'];
const LAYER_ZONES = [
  { target: 'domain', from: ['workflows', 'activities', 'platform', 'security', ...TOP] },
  // security/codec-server-main.ts is a process of its own (npm run codec-server): top-level, like worker/.
  { target: 'security', files: '**/!(*-main).ts', from: ['workflows', 'activities', 'platform', ...TOP] },
  { target: 'platform', from: ['activities', ...TOP] },
  { target: 'platform', from: 'workflows', except: ['messages.ts', 'search-attributes.ts'] },
  { target: 'activities', from: TOP },
  { target: 'activities', from: 'workflows', except: ['messages.ts', 'search-attributes.ts'] },
  { target: 'workflows', from: ['platform', 'security', ...TOP] },
  { target: 'workflows', from: 'activities', except: ['contracts.ts', 'evaluation/contracts.ts'] },
  { target: 'client', from: ['worker', 'bench', 'scripts', 'tooling', 'test', 'test-faults'] },
  // Known and listed: `kccp catalogue publish` prints with the GI package's renderers. The follow-up gives the
  // document renderers (activities/documents, activities/templates) a layer of their own below activities.
  { target: 'client', from: 'activities', except: ['documents/catalogue.ts', 'documents/catalogue-pdf.ts'] },
  { target: 'worker', from: ['client', 'bench', 'test', 'test-faults'] },
  // Developer tooling (finding the Temporal binaries) stands alone: the worker, scripts and tests use it.
  { target: 'tooling', from: ['domain', 'security', 'platform', 'activities', 'workflows', ...TOP] },
].map((zone) => ({
  target: `./${zone.target}/${zone.files ?? '**'}`,
  from: [zone.from].flat().map((name) => `./${name}`),
  ...(zone.except ? { except: zone.except.map((path) => `./${path}`) } : {}),
  message: `imports run one way (domain → security → platform → activities → workflows → client/worker): ${zone.target}/ must not import this`,
}));

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
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: LAYER_ZONES }],
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
