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

type Line = Record<string, unknown>;

/** JSON lines, each parsed; a line that does not parse fails the test. */
function jsonLines(output: string): Line[] {
  return output
    .trim()
    .split(/\r?\n/)
    .map((line) => JSON.parse(line) as Line);
}

/**
 * pino-pretty's lines read back into records: a `[time] LEVEL: message` header,
 * then `    key: value` per field (JSON values; an object's further lines are indented deeper).
 */
function prettyLines(output: string): Line[] {
  const records: Line[] = [];
  let lastKey: string | undefined;
  for (const line of stripVTControlCharacters(output).replace(/\r/g, '').trimEnd().split('\n')) {
    const head = /^\[(\S+)\] (TRACE|DEBUG|INFO|WARN|ERROR): (.*)$/.exec(line);
    const field = /^ {4}(\w+): (.*)$/.exec(line);
    const record = records.at(-1);
    if (head) {
      records.push({ time: head[1], level: head[2], message: head[3] });
    } else if (field && record) {
      lastKey = field[1]!;
      record[lastKey] = field[2];
    } else if (record && lastKey && /^ {5,}| {4}\}$/.test(line)) {
      record[lastKey] = `${record[lastKey] as string}\n${line}`;
    } else {
      throw new Error(`not a pino-pretty line: ${JSON.stringify(line)}`);
    }
  }
  // One-line values are JSON as in the JSON format; a multi-line one (an error with its stack) stays text.
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => {
        if (['time', 'level', 'message'].includes(key) || (value as string).includes('\n')) return [key, value];
        return [key, JSON.parse(value as string)];
      }),
    ),
  );
}

describe('worker logs', () => {
  it('are JSON lines through a pipe, each with time, level, message and courseCode', () => {
    const lines = jsonLines(run({}, false));

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'WARN',
        message: 'Activity failed',
        courseCode: 'KCCP-2027-AGR-01',
        activityType: 'notifyCountries',
        attempt: 3,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      }),
      expect.objectContaining({ level: 'INFO', message: 'Worker polling task queue kccp-courses', courseCode: null }),
      // Written just before process.exit: nothing is lost at exit.
      expect.objectContaining({
        level: 'ERROR',
        message: 'Notice not sent',
        courseCode: 'KCCP-2027-AGR-01',
        error: expect.objectContaining({ type: 'TypeError', message: 'SMTP 554 refused' }),
        scheduledNanos: '1764547200000000000',
      }),
    ]);
    expect(Object.keys(lines[1]!).sort()).toEqual(['courseCode', 'level', 'message', 'time']);
  });

  it('are human-readable on a terminal, with the same fields as the JSON lines', () => {
    // Coloured on a terminal, as a user sees it; the colours are stripped to read the text.
    const raw = run({}, true);
    const text = stripVTControlCharacters(raw).replace(/\r/g, '');
    expect(raw).not.toEqual(text);
    expect(text).not.toContain('{"');
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\dT\S+Z\] WARN: Activity failed\n {4}courseCode: "KCCP-2027-AGR-01"$/m);

    const pretty = prettyLines(raw);
    const json = jsonLines(run({}, false));
    expect(pretty.map((line) => Object.keys(line).sort())).toEqual(json.map((line) => Object.keys(line).sort()));
    // The same values, but for the time of each run and the error's stack, which a person reads as text.
    const comparable = ({ time: _t, error: _e, ...rest }: Line) => rest;
    expect(pretty.map(comparable)).toEqual(json.map(comparable));
    expect(pretty[2]!.error).toMatch(/"type": "TypeError",[\s\S]*"message": "SMTP 554 refused"[\s\S]*at /);
  });

  it('follow LOG_FORMAT over the terminal, and LOG_LEVEL', () => {
    expect(jsonLines(run({ LOG_FORMAT: 'json' }, true)).map((l) => l.level)).toEqual(['WARN', 'INFO', 'ERROR']);
    const warnOnly = run({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'WARN' }, false);
    expect(prettyLines(warnOnly).map((l) => l.level)).toEqual(['WARN', 'ERROR']);
    expect(warnOnly).not.toContain('Worker polling');
    expect(jsonLines(run({ LOG_LEVEL: 'error' }, false)).map((l) => l.message)).toEqual(['Notice not sent']);
  });

  it('refuse a wrong LOG_FORMAT or LOG_LEVEL naming the variable', () => {
    expect(logSettingsFromEnv({ LOG_FORMAT: 'text' }, false)).toEqual({ format: 'pretty', level: 'INFO' });
    expect(() => logSettingsFromEnv({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
    expect(() => logSettingsFromEnv({ LOG_LEVEL: 'LOUD' })).toThrow(/LOG_LEVEL/);
  });
});
