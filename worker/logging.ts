/**
 * The worker's logs, through the Temporal SDK's own logger (DefaultLogger), in
 * one of two formats with the same fields: time, level, message, `courseCode`
 * (the course the line concerns, taken from the workflow id `course-<code>`
 * that the SDK attaches to workflow and activity logs, or null for lines about
 * the worker itself) and whatever else the SDK attached.
 *
 * - `pretty`: the SDK's own human format on stderr, coloured on a terminal
 *   (`2026-11-28T09:30:00.000Z [INFO] Activity failed { courseCode: 'KCCP-…', … }`).
 * - `json`: one JSON object per line on stdout, for a log store: an operator
 *   filters one course across workflow, activity and retry lines.
 *
 * LOG_FORMAT picks one (`text` is the former name of `pretty`); unset, a
 * terminal gets `pretty` and anything else (a pipe, a container, a supervisor)
 * gets `json`. LOG_LEVEL sets the level (TRACE, DEBUG, INFO, WARN, ERROR; default INFO).
 */
import { format } from 'node:util';
import { DefaultLogger, type LogEntry, type Logger, type LogLevel, type LogMetadata } from '@temporalio/worker';

const LEVELS: readonly LogLevel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'];
const COURSE_WORKFLOW_ID = /^course-([A-Z0-9][A-Z0-9-]{2,31})$/;

export type LogFormat = 'json' | 'pretty';

export interface LogSettings {
  format: LogFormat;
  level: LogLevel;
}

/** Reads LOG_FORMAT and LOG_LEVEL; a wrong value fails start-up naming the variable. */
export function logSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  isTerminal: boolean = process.stdout.isTTY === true,
): LogSettings {
  const raw = (env.LOG_FORMAT ?? '').trim().toLowerCase();
  const formatValue = raw === 'text' ? 'pretty' : raw || (isTerminal ? 'pretty' : 'json');
  if (formatValue !== 'json' && formatValue !== 'pretty') {
    throw new Error(`LOG_FORMAT must be "pretty" or "json"; got ${JSON.stringify(env.LOG_FORMAT)}`);
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
    return JSON.stringify({ time, level: entry.level, message: entry.message, courseCode: line.courseCode });
  }
}

/**
 * Puts `courseCode` on every entry before the SDK's logger formats it, so
 * both formats carry it. Symbol keys (the core's own timestamp) survive the spread.
 */
class CourseLogger implements Logger {
  constructor(private readonly inner: DefaultLogger) {}
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    // courseCode first: on a terminal it is what the eye looks for.
    this.inner.log(level, message, { courseCode: courseCodeOf(meta), ...meta });
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}

/** The Runtime logger: the SDK's human format on stderr, or JSON lines on stdout. */
export function createWorkerLogger(
  settings: LogSettings = logSettingsFromEnv(),
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  if (settings.format === 'pretty') return new CourseLogger(new DefaultLogger(settings.level));
  return new CourseLogger(new DefaultLogger(settings.level, (entry) => write(jsonLogLine(entry))));
}

/**
 * Start-up and shutdown messages written with console.log/console.error go
 * through the same logger, so they carry the same fields (courseCode null)
 * and a JSON stream parses line by line.
 */
export function routeConsoleToLogger(settings: LogSettings = logSettingsFromEnv()): void {
  const logger = createWorkerLogger(settings);
  const emit =
    (level: LogLevel) =>
    (...args: unknown[]) =>
      logger.log(level, format(...args));
  console.log = emit('INFO');
  console.info = emit('INFO');
  console.warn = emit('WARN');
  console.error = emit('ERROR');
}

/** The former name, kept while worker/main.ts is restructured on another branch. */
export const routeConsoleToJson = routeConsoleToLogger;
