/**
 * The worker's logs as JSON lines on stdout, one object per line, each with a
 * `courseCode` key: the course the line concerns (taken from the workflow id
 * `course-<code>` that the SDK attaches to workflow and activity logs), or
 * null for lines about the worker itself. An operator greps or ships them to a
 * log store and filters one course across workflow, activity and retry lines.
 *
 * LOG_FORMAT=text keeps the SDK's human format; LOG_LEVEL sets the level
 * (TRACE, DEBUG, INFO, WARN, ERROR; default INFO).
 */
import { format } from 'node:util';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const COURSE_WORKFLOW_ID = /^course-([A-Z0-9][A-Z0-9-]{2,31})$/;

export type LogFormat = 'json' | 'text';

export interface LogSettings {
  format: LogFormat;
  level: LogLevel;
}

/** Reads LOG_FORMAT and LOG_LEVEL; a wrong value fails start-up naming the variable. */
export function logSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LogSettings {
  const formatValue = (env.LOG_FORMAT ?? '').trim().toLowerCase() || 'json';
  if (formatValue !== 'json' && formatValue !== 'text') {
    throw new Error(`LOG_FORMAT must be "json" or "text"; got ${JSON.stringify(env.LOG_FORMAT)}`);
  }
  const levelValue = (env.LOG_LEVEL ?? '').trim().toUpperCase() || 'INFO';
  if (!LEVELS.includes(levelValue as LogLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}; got ${JSON.stringify(env.LOG_LEVEL)}`);
  }
  return { format: formatValue, level: levelValue as LogLevel };
}

/** The course a log line concerns: an explicit courseCode, else the one in a course workflow id. */
export function courseCodeOf(meta: Record<string, unknown> | undefined): string | null {
  if (!meta) return null;
  if (typeof meta.courseCode === 'string') return meta.courseCode;
  const workflowId = meta.workflowId ?? (meta.workflowInfo as { workflowId?: unknown } | undefined)?.workflowId;
  if (typeof workflowId !== 'string') return null;
  return COURSE_WORKFLOW_ID.exec(workflowId)?.[1] ?? null;
}

// Errors keep their message and type; bigints (SDK timestamps) become strings; nothing throws.
function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function jsonLogLine(entry: LogEntry): string {
  const meta = (entry.meta ?? {}) as Record<string, unknown>;
  const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const line = { time, level: entry.level, message: entry.message, courseCode: courseCodeOf(meta), ...meta };
  try {
    return JSON.stringify(line, replacer);
  } catch {
    return JSON.stringify({
      time,
      level: entry.level,
      message: entry.message,
      courseCode: line.courseCode,
      meta: String(meta),
    });
  }
}

/** The Runtime logger: JSON lines on stdout, or the SDK's own format with LOG_FORMAT=text. */
export function createWorkerLogger(
  settings: LogSettings = logSettingsFromEnv(),
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): DefaultLogger {
  if (settings.format === 'text') return new DefaultLogger(settings.level);
  return new DefaultLogger(settings.level, (entry) => write(jsonLogLine(entry)));
}

/**
 * Start-up and shutdown messages written with console.log/console.error become
 * JSON lines too (courseCode null), so the whole stream parses line by line.
 * No-op with LOG_FORMAT=text.
 */
export function routeConsoleToJson(settings: LogSettings = logSettingsFromEnv()): void {
  if (settings.format !== 'json') return;
  const emit =
    (level: LogLevel, stream: NodeJS.WriteStream) =>
    (...args: unknown[]) => {
      const entry: LogEntry = {
        level,
        message: format(...args),
        timestampNanos: BigInt(Date.now()) * 1_000_000n,
        meta: {},
      };
      stream.write(`${jsonLogLine(entry)}\n`);
    };
  console.log = emit('INFO', process.stdout);
  console.info = emit('INFO', process.stdout);
  console.warn = emit('WARN', process.stderr);
  console.error = emit('ERROR', process.stderr);
}
