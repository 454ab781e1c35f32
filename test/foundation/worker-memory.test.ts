/** The worker's memory budget: one default, the same in the npm scripts that start a worker and in the code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_WORKER_HEAP_MB, workerHeapFlag } from '../../worker/bootstrap';

const scripts = JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).scripts as Record<
  string,
  string
>;

describe('worker heap budget', () => {
  it.each(['start', 'worker'])('npm run %s gives the worker the default heap budget, overridable', (name) => {
    expect(scripts[name]).toContain(
      `tsx --max-old-space-size=\${KCCP_WORKER_HEAP_MB:-${DEFAULT_WORKER_HEAP_MB}} worker/main.ts`,
    );
  });

  it('follows KCCP_WORKER_HEAP_MB, and refuses a budget too small to bundle the workflows', () => {
    expect(workerHeapFlag({})).toBe(`--max-old-space-size=${DEFAULT_WORKER_HEAP_MB}`);
    expect(workerHeapFlag({ KCCP_WORKER_HEAP_MB: '1024' })).toBe('--max-old-space-size=1024');
    expect(() => workerHeapFlag({ KCCP_WORKER_HEAP_MB: '100' })).toThrow(/KCCP_WORKER_HEAP_MB.*at least 256.*"100"/);
    expect(() => workerHeapFlag({ KCCP_WORKER_HEAP_MB: 'lots' })).toThrow(/KCCP_WORKER_HEAP_MB/);
  });
});
