/**
 * A local Temporal for `npm start`: when nothing answers at the configured
 * address, run the CLI's dev server there, with its SQLite database in the
 * git-ignored `var/` so courses survive a restart, its Web UI on :8233 and
 * the course search attributes registered. When something already answers,
 * touch nothing: it is someone's server, not ours to configure or stop.
 */
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { splitAddress, type ConnectionSettings } from '../platform/connection';
import { spawnGuarded } from './dev-server-guard';
import { registerCourseSearchAttributes, searchAttributeFlags } from './search-attributes';
import { dynamicConfigFlags } from './server-config';
import { PROJECT_DIR } from '../tooling/temporal-binaries';

export const DEFAULT_UI_PORT = 8233;
export const DEFAULT_DATA_DIR = path.join(PROJECT_DIR, 'var', 'temporal');
export const DEFAULT_DB_FILE = path.join(DEFAULT_DATA_DIR, 'kccp.db');
/**
 * The Web UI listens on 127.0.0.1, never `localhost`: the codec server's session
 * cookie is SameSite=Strict and 127.0.0.1 and localhost are different sites, so
 * the UI must be on the codec server's host for the cookie to go along.
 */
export const UI_HOST = '127.0.0.1';

export interface DevServerOptions {
  /** Path of the `temporal` CLI, from resolveTemporalBinaries(). */
  cliPath: string;
  settings: Pick<ConnectionSettings, 'address' | 'namespace'>;
  uiPort?: number;
  dbFile?: string;
  /** Server output goes here, not to the console; its tail is quoted when start-up fails. */
  logFile?: string;
  startTimeoutMs?: number;
  /** `--ui-codec-endpoint`: the codec server the Web UI decodes payloads with. */
  codecEndpoint?: string;
  /**
   * Called as soon as the process exists, before it answers: a Ctrl-C while the
   * server is still starting must stop it too, so the caller registers `stop` here.
   */
  onSpawned?: (spawned: { pid: number | undefined; stop: () => Promise<void> }) => void;
  /** Start-up progress, one line per stage (the start-up test interrupts at these). */
  log?: (line: string) => void;
  /** Aborted (Ctrl-C): stop waiting for readiness at once; the caller stops the server. */
  signal?: AbortSignal;
}

export interface DevServerHandle {
  address: string;
  /** False when a server already answered and this handle merely reports it. */
  startedHere: boolean;
  /** The Web UI when this handle started the server; unknown for someone else's server. */
  uiUrl?: string;
  pid?: number;
  /** Stops the server this handle started, and nothing else; safe to call twice. */
  stop(): Promise<void>;
}

/** Whether anything accepts TCP connections at host:port within the deadline. */
export function isAnswering(address: string, timeoutMs = 1_000): Promise<boolean> {
  const { host, port } = splitAddress(address);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function devServerArgs(
  options: Required<Pick<DevServerOptions, 'settings' | 'uiPort' | 'dbFile'>> & Pick<DevServerOptions, 'codecEndpoint'>,
): string[] {
  const { host, port } = splitAddress(options.settings.address);
  const namespaceArgs = options.settings.namespace === 'default' ? [] : ['--namespace', options.settings.namespace];
  return [
    'server',
    'start-dev',
    '--db-filename',
    options.dbFile,
    '--ip',
    host,
    '--port',
    String(port),
    '--ui-ip',
    UI_HOST,
    '--ui-port',
    String(options.uiPort),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    '--log-level',
    'warn',
    ...namespaceArgs,
    ...searchAttributeFlags(),
    // The server refuses an update over 1 MiB before any worker sees it: admitted, a 3 MB update
    // fails the course's workflow tasks (its rejection echoes it past the 2 MiB payload limit) and
    // blocks queries and decisions on that course until the server drops it. See server-config.ts.
    ...dynamicConfigFlags(),
  ];
}

export async function ensureDevServer(options: DevServerOptions): Promise<DevServerHandle> {
  const { address, namespace } = options.settings;
  if (await isAnswering(address)) {
    return { address, startedHere: false, stop: async () => undefined };
  }

  const uiPort = options.uiPort ?? DEFAULT_UI_PORT;
  const dbFile = options.dbFile ?? DEFAULT_DB_FILE;
  const logFile = options.logFile ?? path.join(path.dirname(dbFile), 'dev-server.log');
  mkdirSync(path.dirname(dbFile), { recursive: true });
  mkdirSync(path.dirname(logFile), { recursive: true });

  const logFd = openSync(logFile, 'w');
  // Its own process group, under a guard that stops it if this process dies without stopping it (dev-server-guard.ts).
  const args = devServerArgs({
    settings: { address, namespace },
    uiPort,
    dbFile,
    codecEndpoint: options.codecEndpoint,
  });
  const child = spawnGuarded(options.cliPath, args, logFd);
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // SIGTERM, not SIGKILL: the guard must live to stop the server it guards.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
  };
  options.onSpawned?.({ pid: child.pid, stop });
  const log = options.log ?? (() => undefined);
  log(`Starting the Temporal dev server at ${address} (pid ${child.pid}); data in ${path.dirname(dbFile)}.`);

  try {
    await waitUntilReady(child, { address, namespace }, options.startTimeoutMs ?? 30_000, logFile, log, options.signal);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, startedHere: true, uiUrl: `http://${UI_HOST}:${uiPort}`, pid: child.pid, stop };
}

async function waitUntilReady(
  child: ChildProcess,
  settings: Pick<ConnectionSettings, 'address' | 'namespace'>,
  timeoutMs: number,
  logFile: string,
  log: (line: string) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let announced = false;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The Temporal dev server exited (${child.exitCode ?? child.signalCode}) before it answered at ${settings.address}.\n` +
          tail(logFile),
      );
    }
    if (await isAnswering(settings.address, 500)) {
      try {
        const connection = await Connection.connect({ address: settings.address, connectTimeout: 2_000 });
        try {
          if (!announced) log('Temporal dev server answers; registering the course search attributes...');
          announced = true;
          // The dev server's flags do not add attributes to a database created without them.
          await registerCourseSearchAttributes(connection, settings.namespace);
          return;
        } finally {
          await connection.close();
        }
      } catch (error) {
        lastError = error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const reason = lastError instanceof Error ? ` Last error: ${lastError.message}` : '';
  throw new Error(
    `The Temporal dev server did not answer at ${settings.address} within ${timeoutMs} ms.${reason}\n${tail(logFile)}`,
  );
}

async function terminate(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    // Past the guard's own 15 s before it SIGKILLs the server: killing the guard first would orphan the server.
    timer = setTimeout(() => resolve('timeout'), 20_000);
  });
  if ((await Promise.race([exited, gaveUp])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

function tail(logFile: string, lines = 20): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd();
    return `Last lines of ${logFile}:\n${text.split('\n').slice(-lines).join('\n')}`;
  } catch {
    return `(no output in ${logFile})`;
  }
}
