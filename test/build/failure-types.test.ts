/**
 * One table of failure types (domain/failures.ts): the source names each type
 * from it, never as a bare string, so a thrower and a retry policy cannot drift apart.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { FAILURE } from '../../domain/failures';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = ['domain', 'workflows', 'activities', 'platform', 'security', 'client', 'worker'];

test('every failure type is written once, in domain/failures.ts', () => {
  const quoted = Object.values(FAILURE).map((type) => `'${type}'`);
  const hits = execFileSync('grep', ['-rnF', '--include=*.ts', ...quoted.flatMap((q) => ['-e', q]), ...SOURCE], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  // grep finds the table itself, so the search and the table are known to work.
  expect(hits.filter((h) => h.startsWith('domain/failures.ts:'))).toHaveLength(quoted.length);
  expect(hits.filter((h) => !h.startsWith('domain/failures.ts:'))).toEqual([]);
});

test('the table maps each name to itself: what is thrown is what the retry policy names', () => {
  for (const [name, type] of Object.entries(FAILURE)) expect(type).toBe(name);
});
