/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest without type-checking keeps suites fast; `npm run typecheck` and CI check types once.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 120_000,
  // Each suite owns its Temporal servers; let a slow teardown finish rather than leak processes.
  openHandlesTimeout: 5_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
