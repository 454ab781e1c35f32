/**
 * Test workers come from one bootstrap (createTestWorker in test/support/temporal.ts,
 * over worker/bootstrap.ts): a suite that called Worker.create itself would test
 * options production does not run.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
// Split so that this file does not find itself.
const CALL = ['Worker', '.create('].join('');

test('no suite calls Worker.create; the bootstrap does', () => {
  const grep = (dirs: string[]) =>
    execFileSync('grep', ['-rlF', '--include=*.ts', CALL, ...dirs], { cwd: ROOT, encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
  // The search itself finds the one place that creates workers.
  expect(grep(['worker'])).toEqual(['worker/bootstrap.ts']);
  let direct: string[] = [];
  try {
    direct = grep(['test', 'test-faults']);
  } catch {
    // grep exits 1 when nothing matches: no suite creates its own worker.
  }
  expect(direct).toEqual([]);
});
