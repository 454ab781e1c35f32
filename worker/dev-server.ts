/**
 * A local Temporal for `npm start`: when nothing answers at the configured
 * address, run the CLI's dev server there, with its SQLite database in the
 * git-ignored `var/` so courses survive a restart, its Web UI on :8233 and
 * the course search attributes registered. When something already answers,
 * touch nothing: it is someone's server, not ours to configure or stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { splitAddress, type ConnectionSettings } from '../client/connection';
import { registerCourseSearchAttributes, searchAttributeFlags } from './search-attributes';
import { dynamicConfigFlags } from './server-config';
import { PROJECT_DIR } from './temporal-binaries';

export const DEFAULT_UI_PORT = 8233;
export const DEFAULT_DB_FILE = path.join(PROJECT_DIR, 'var', 'temporal', 'kccp.db');

export interface DevServerOptions {
  /** Path of the `temporal` CLI, from resolveTemporalBinaries(). */
  cliPath: string;
  settings: Pick<ConnectionSettings, 'address' | 'namespace'>;
  uiPort?: number;
  dbFile?: string;
  /** Server output goes here, not to the console; its tail is quoted when start-up fails. */
  logFile?: string;
  startTimeoutMs?: number;
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
  options: Required<Omit<DevServerOptions, 'cliPath' | 'logFile' | 'startTimeoutMs'>>,
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
    '--ui-port',
    String(options.uiPort),
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
  // Its own process group: a Ctrl-C in the terminal must reach the worker first,
  // which drains and then stops this server, instead of both dying at once.
  const child = spawn(options.cliPath, devServerArgs({ settings: { address, namespace }, uiPort, dbFile }), {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    await terminate(child, exited);
  };

  try {
    await waitUntilReady(child, { address, namespace }, options.startTimeoutMs ?? 30_000, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { address, startedHere: true, uiUrl: `http://localhost:${uiPort}`, pid: child.pid, stop };
}

async function waitUntilReady(
  child: ChildProcess,
  settings: Pick<ConnectionSettings, 'address' | 'namespace'>,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
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
    timer = setTimeout(() => resolve('timeout'), 15_000);
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
