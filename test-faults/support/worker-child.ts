/**
 * Parent side of a worker child process: start it, wait until it polls, kill
 * it (SIGKILL: no drain, no goodbye) or stop it (SIGTERM: drain), start again.
 * A standby process with the modules already loaded is kept ready, so a
 * restart costs the worker's own start-up (connect, create, poll). Every
 * stdout line of every incarnation is kept for the log assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const ENTRY = path.join(__dirname, 'worker-process.ts');
const PROJECT_DIR = path.resolve(__dirname, '..', '..');

export interface WorkerChildOptions {
  env: Record<string, string>;
  /** Ready within this time, else the start fails with the child's stderr. */
  startTimeoutMs?: number;
  /** Keep a standby process loaded for the next start (only a worker that is going to be killed needs one). */
  standby?: boolean;
}

export interface WorkerChild {
  start(): Promise<void>;
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit; resolves with the exit code. */
  terminate(): Promise<number | null>;
  running(): boolean;
  /** Kills the running worker and the standby. */
  close(): Promise<void>;
  /** Every stdout line of every incarnation. */
  lines: string[];
  stderr: string[];
  starts: number;
}

interface Incarnation {
  process: ChildProcess;
  exited: Promise<number | null>;
  loaded: Promise<void>;
  ready: Promise<void>;
}

function setPriority(pid: number | undefined, priority: number): void {
  try {
    if (pid) os.setPriority(pid, priority);
  } catch {
    // Not allowed to raise priority here: the worker runs at the standby's.
  }
}

export function workerChild(options: WorkerChildOptions): WorkerChild {
  const lines: string[] = [];
  const stderr: string[] = [];
  let active: Incarnation | undefined;
  let spare: Incarnation | undefined;

  const alive = (i: Incarnation | undefined) => !!i && i.process.exitCode === null && i.process.signalCode === null;

  const spawnStandby = (): Incarnation => {
    // node --import tsx: one process, so SIGKILL reaches the worker itself and not a wrapper.
    const c = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
      cwd: PROJECT_DIR,
      env: { ...process.env, LOG_LEVEL: 'INFO', ...options.env, FAULTS_STANDBY: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The standby loads at low priority, so it does not slow the worker that is running the courses.
    setPriority(c.pid, 15);
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    let loaded!: () => void;
    let ready!: () => void;
    const loadedPromise = new Promise<void>((resolve) => (loaded = resolve));
    const readyPromise = new Promise<void>((resolve) => (ready = resolve));
    readline.createInterface({ input: c.stdout! }).on('line', (line) => {
      if (line.includes('"event":"loaded"')) return loaded();
      lines.push(line);
      if (line.includes('"event":"ready"')) ready();
    });
    readline.createInterface({ input: c.stderr! }).on('line', (line) => stderr.push(line));
    return { process: c, exited, loaded: loadedPromise, ready: readyPromise };
  };

  const within = async (what: string, i: Incarnation, promise: Promise<void>) => {
    const timeoutMs = options.startTimeoutMs ?? 90_000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      promise.then(() => 'ok' as const),
      i.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome !== 'ok') {
      i.process.kill('SIGKILL');
      throw new Error(`worker child ${outcome} before it was ${what}:\n${stderr.slice(-20).join('\n')}`);
    }
  };

  const handle: WorkerChild = {
    lines,
    stderr,
    starts: 0,
    running: () => alive(active),
    async start() {
      if (alive(active)) return;
      const next = alive(spare) ? spare! : spawnStandby();
      spare = undefined;
      setPriority(next.process.pid, 0);
      await within('loaded', next, next.loaded);
      handle.starts += 1;
      active = next;
      next.process.stdin!.end('start\n');
      await within('ready', next, next.ready);
      if (options.standby) spare = spawnStandby();
    },
    async kill() {
      if (!alive(active)) return;
      active!.process.kill('SIGKILL');
      await active!.exited;
    },
    async terminate() {
      if (!active) return null;
      if (alive(active)) active.process.kill('SIGTERM');
      return active.exited;
    },
    async close() {
      for (const i of [active, spare]) {
        if (alive(i)) {
          i!.process.kill('SIGKILL');
          await i!.exited;
        }
      }
    },
  };
  return handle;
}
