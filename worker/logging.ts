/**
 * The worker's logs, through pino, in one of two formats with the same
 * fields: time, level, message, `courseCode` (the course the line concerns,
 * taken from the workflow id `course-<code>` that the SDK attaches to workflow
 * and activity logs, or null for lines about the worker itself) and whatever
 * else the SDK attached.
 *
 * - `pretty`: pino-pretty on stderr, coloured on a terminal
 *   (`[2026-11-28T09:30:00.000Z] WARN: Activity failed` then one `key: value` line per field).
 * - `json`: one JSON object per line on stdout, for a log store: an operator
 *   filters one course across workflow, activity and retry lines.
 *
 * LOG_FORMAT picks one (`text` is the former name of `pretty`); unset, a
 * terminal gets `pretty` and anything else (a pipe, a container, a supervisor)
 * gets `json`. LOG_LEVEL sets the level (TRACE, DEBUG, INFO, WARN, ERROR; default INFO).
 * Both write synchronously, so the last lines before an exit are not lost.
 */
import { format } from 'node:util';
import { LogTimestamp, type Logger, type LogLevel, type LogMetadata } from '@temporalio/worker';
import pino, { type Logger as PinoLogger } from 'pino';
import pinoPretty from 'pino-pretty';

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

// Errors keep their type, message and stack wherever they sit; bigints (SDK
// timestamps) become strings, as JSON has no 64-bit integers. Depth-bounded: metadata may be cyclic.
function plain(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error) return pino.stdSerializers.err(value);
  if (depth >= 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, depth + 1)]));
}

/** The SDK's own time for a line forwarded from the core, else now. */
function timeOf(meta: LogMetadata | undefined): string {
  const nanos = (meta as Record<symbol, unknown> | undefined)?.[LogTimestamp];
  const millis = typeof nanos === 'bigint' ? Number(nanos / 1_000_000n) : Date.now();
  return new Date(millis).toISOString();
}

/** The SDK's Logger interface over pino, putting time and courseCode on every line. */
class CourseLogger implements Logger {
  constructor(private readonly pino: PinoLogger) {}
  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const method = level.toLowerCase() as Lowercase<LogLevel>;
    if (!this.pino.isLevelEnabled(method)) return;
    // courseCode first: on a terminal it is what the eye looks for.
    const fields = { time: timeOf(meta), courseCode: courseCodeOf(meta), ...(plain({ ...meta }) as object) };
    this.pino[method](fields, message);
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

/** The Runtime logger: pino-pretty on stderr, or JSON lines on stdout; both synchronous. */
export function createWorkerLogger(settings: LogSettings = logSettingsFromEnv()): Logger {
  const options = {
    level: settings.level.toLowerCase(),
    messageKey: 'message',
    // No pid or hostname: the same fields in both formats, and the time comes with each line.
    base: null,
    timestamp: false,
  };
  if (settings.format === 'pretty') {
    const pretty = pinoPretty({
      destination: 2,
      sync: true,
      colorize: process.stderr.isTTY === true,
      messageKey: 'message',
      timestampKey: 'time',
      // The time is already an ISO string in UTC; shown as it is.
      translateTime: false,
    });
    return new CourseLogger(pino(options, pretty));
  }
  return new CourseLogger(
    pino(
      // The level by name, as LOG_LEVEL spells it, for a log store's filter.
      { ...options, formatters: { level: (label: string) => ({ level: label.toUpperCase() }) } },
      pino.destination({ dest: 1, sync: true }),
    ),
  );
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
