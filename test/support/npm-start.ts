/**
 * `npm start`'s worker (worker/main.ts through tsx, as package.json runs it)
 * as a real process that starts its own dev server and codec server, on ports
 * and a data folder of its own: it never touches a developer's :7233, :8233,
 * :8888 or var/temporal. Its own process group, so a test's Ctrl-C reaches
 * it as a terminal's does (the whole foreground group).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_CODEC_ENV, envWithoutCodecKeys } from './codec-keys';
import { freePort } from './ports';
import { waitFor } from './wait-for';

const ROOT = path.resolve(__dirname, '../..');

export interface NpmStart {
  child: ChildProcess;
  address: string;
  uiPort: number;
  codecPort: number;
  dataDir: string;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string>;
  /** Waits for a line of output containing `text`; fails early if the process exits first. */
  waitForLine(text: string, timeoutMs?: number): Promise<string>;
  /** Ctrl-C in a terminal: SIGINT to the whole process group. */
  interrupt(): void;
  /** Interrupts if still running, waits for exit, removes the data folder. */
  cleanup(): Promise<void>;
}

export async function startNpmStart(extraEnv: NodeJS.ProcessEnv = {}): Promise<NpmStart> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-npm-start-'));
  const [grpcPort, uiPort, codecPort] = [await freePort(), await freePort(), await freePort()];
  const address = `127.0.0.1:${grpcPort}`;
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'worker/main.ts')], {
    cwd: ROOT,
    detached: true,
    env: {
      ...envWithoutCodecKeys(),
      ...TEST_CODEC_ENV,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_UI_PORT: String(uiPort),
      KCCP_CODEC_PORT: String(codecPort),
      KCCP_DEV_DATA_DIR: path.join(dataDir, 'temporal'),
      HEALTH_PORT: 'off',
      KCCP_EVALUATION_SCHEDULE: 'off',
      MAIL_OUTBOX_DIR: path.join(dataDir, 'outbox'),
      KCCP_REPORTS_DIR: path.join(dataDir, 'reports'),
      // JSON lines on stdout, whatever the test runner's terminal: the tests read them, and stderr
      // keeps only what did not go through the logger (a crash, tsx's own messages).
      LOG_FORMAT: 'json',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  const all = () => `${out}${err}`;

  const handle: NpmStart = {
    child,
    address,
    uiPort,
    codecPort,
    dataDir,
    output: all,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForLine(text, timeoutMs = 90_000) {
      return waitFor(
        () => {
          const line = all()
            .split('\n')
            .find((l) => l.includes(text));
          if (line) return line;
          if (!running()) throw new Error(`npm start's worker exited before printing "${text}":\n${all()}`);
          return undefined;
        },
        { timeoutMs, intervalMs: 50, description: `"${text}" from npm start's worker` },
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n--- output so far ---\n${all()}`);
      });
    },
    interrupt() {
      process.kill(-child.pid!, 'SIGINT');
    },
    async cleanup() {
      if (running()) {
        handle.interrupt();
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Whether a process with this pid still exists (a zombie, exited and waiting to be reaped, counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether any process of a process group is left. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of processes whose command line mentions `text` (a test's data folder: its dev server, its guard). */
export function processesMentioning(text: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(text) && processAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return found;
}
