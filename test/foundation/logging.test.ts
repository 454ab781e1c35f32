import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { logSettingsFromEnv } from '../../worker/logging';

const ROOT = path.resolve(__dirname, '../..');
const SAMPLE = 'test/support/log-sample.ts';

/** What the sample process writes (stdout and stderr together), through a pipe or a real terminal (`script`'s pty). */
function run(env: Record<string, string>, terminal: boolean): string {
  const { LOG_FORMAT: _f, LOG_LEVEL: _l, FORCE_COLOR: _c, ...inherited } = process.env;
  const node = `node --import tsx ${SAMPLE} 2>&1`;
  const [file, args] = terminal ? ['script', ['-qec', node, '/dev/null']] : ['sh', ['-c', node]];
  return execFileSync(file, args, { cwd: ROOT, env: { ...inherited, ...env }, encoding: 'utf8' });
}

describe('worker logs', () => {
  it('are JSON lines through a pipe, each with time, level, message and courseCode', () => {
    const lines = run({}, false)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Activity failed',
        courseCode: 'KCCP-2027-AGR-01',
        activityType: 'notifyCountries',
        attempt: 3,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
      expect.objectContaining({ level: 'INFO', message: 'Worker polling task queue kccp-courses', courseCode: null }),
    ]);
  });

  it('are human-readable on a terminal, with the same fields', () => {
    // Coloured on a terminal, as a user sees it; the colours are stripped to read the text.
    const text = stripVTControlCharacters(run({}, true)).replace(/\r/g, '');

    expect(text).not.toContain('{"');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+ \[WARN\] Activity failed \{/m);
    for (const field of ["courseCode: 'KCCP-2027-AGR-01'", "activityType: 'notifyCountries'", 'attempt: 3']) {
      expect(text).toContain(field);
    }
    expect(text).toMatch(/\[INFO\] Worker polling task queue kccp-courses \{ courseCode: null \}/);
  });

  it('follow LOG_FORMAT over the terminal, and LOG_LEVEL', () => {
    expect(
      run({ LOG_FORMAT: 'json' }, true)
        .trim()
        .split(/\r?\n/)
        .map((l) => JSON.parse(l).level),
    ).toEqual(['WARN', 'INFO']);
    expect(run({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'WARN' }, false)).toMatch(/^\S+ \[WARN\] Activity failed/);
    expect(run({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'WARN' }, false)).not.toContain('Worker polling');
  });

  it('refuse a wrong LOG_FORMAT or LOG_LEVEL naming the variable', () => {
    expect(logSettingsFromEnv({ LOG_FORMAT: 'text' }, false)).toEqual({ format: 'pretty', level: 'INFO' });
    expect(() => logSettingsFromEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
    expect(() => logSettingsFromEnv({ LOG_LEVEL: 'LOUD' })).toThrow(/LOG_LEVEL/);
  });
});
