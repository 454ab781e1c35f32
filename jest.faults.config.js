/**
 * `npm run test:faults`: the fault-injection and fuzzing suites in test-faults/,
 * kept out of `npm test` because they run for minutes in real time. Every
 * suite records its figures; the table is printed after the run, then the
 * same `N passed, N failed` line as `npm test`.
 */
const os = require('node:os');
const path = require('node:path');
const base = require('./jest.config');

process.env.KCCP_FAULT_FIGURES ??= path.join(os.tmpdir(), `kccp-fault-figures-${process.pid}.jsonl`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test-faults'],
  testTimeout: 300_000,
  // The real-time scenarios mostly wait on their calendars: run them side by side to keep the whole run short.
  maxWorkers: 3,
  reporters: [
    'default',
    '<rootDir>/test-faults/support/fault-table-reporter.js',
    '<rootDir>/test/support/summary-reporter.js',
  ],
};
