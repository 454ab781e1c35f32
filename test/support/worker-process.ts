/**
 * The worker as operators run it, a process of its own (`npm start`'s
 * worker/main.ts through tsx, or the compiled one): started against a test
 * server with the environment a test gives it, awaited until it polls, and
 * stopped with SIGTERM as a supervisor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './wait-for';

const ROOT = path.resolve(__dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, then waits for the drain to end the process. */
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  /** The whole environment: tests start from a copy of theirs without the variables they want unset. */
  env: NodeJS.ProcessEnv;
  /** Default: worker/main.ts through the project's tsx, as `npm start` runs it. */
  command?: string;
  args?: string[];
  cwd?: string;
  timeoutMs?: number;
}

/** Starts the worker and resolves once it polls; throws with its output when it exits first. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const child = spawn(
    options.command ?? path.join(ROOT, 'node_modules/.bin/tsx'),
    options.args ?? [path.join(ROOT, 'worker/main.ts')],
    { env: options.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const worker: WorkerProcess = {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  await waitFor(async () => output.includes('Worker polling task queue') || child.exitCode !== null, {
    timeoutMs: options.timeoutMs ?? 90_000,
    intervalMs: 250,
    description: 'the worker to poll',
  });
  if (child.exitCode !== null) throw new Error(`worker exited ${child.exitCode}:\n${output}`);
  return worker;
}
