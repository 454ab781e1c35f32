/**
 * `npm run test:cluster`: the course service on a Temporal cluster in its
 * production shape (scripts/cluster: PostgreSQL, one process per service) with
 * faults injected, kept apart because it builds the server once per machine
 * and runs for minutes in real time. Prints the fault table, then the same
 * `N passed, N failed` line as `npm test`.
 */
const os = require('node:os');
const path = require('node:path');
const base = require('./jest.config');

process.env.KCCP_FAULT_FIGURES ??= path.join(os.tmpdir(), `kccp-cluster-figures-${process.pid}.jsonl`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test-cluster'],
  // A fresh machine builds the server first (minutes); the scenarios then run in real time.
  testTimeout: 900_000,
  reporters: [
    'default',
    '<rootDir>/test-faults/support/fault-table-reporter.js',
    '<rootDir>/test/support/summary-reporter.js',
  ],
};
