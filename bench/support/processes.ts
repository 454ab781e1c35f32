/** Reading a process's memory and CPU from /proc, and running the benchmark's worker as a child process. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const CLOCK_TICKS_PER_S = 100;

/** VmRSS and VmHWM (peak) in MiB, or undefined once the process is gone. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds the process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based from state).
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

export interface WorkerProcess {
  pid: number;
  /** Highest VmRSS seen by the sampler, and the kernel's own peak (VmHWM). */
  peakRssMb(): number;
  currentRssMb(): number;
  cpuSeconds(): number;
  /** Why it ended, once it has: a crash (out of memory, for one) fails the phase. */
  exited(): string | undefined;
  /** Drains (SIGTERM), then kills if it does not exit in time. Safe to call twice. */
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  mode: 'course' | 'baseline';
  taskQueue: string;
  temporalAddress: string;
  smtpUrl?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of alive) child.kill('SIGKILL');
});

export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const child = fork(path.join(__dirname, '..', 'worker-child.ts'), [], {
    execArgv: ['--import', 'tsx', ...(options.nodeArgs ?? [])],
    env: {
      ...process.env,
      ...options.env,
      BENCH_MODE: options.mode,
      BENCH_TASK_QUEUE: options.taskQueue,
      TEMPORAL_ADDRESS: options.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    },
    // Its output goes to stderr: stdout carries the benchmark's JSON.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  alive.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => alive.delete(child));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the ${options.mode} worker exited (${code}) before it polled`)));
  });
  const pid = child.pid!;
  let sampledPeak = 0;
  const sample = () => {
    const m = memoryOf(pid);
    if (m) sampledPeak = Math.max(sampledPeak, m.rssMb);
  };
  const sampler = setInterval(sample, 250);
  let stopping: Promise<void> | undefined;
  return {
    pid,
    peakRssMb: () => {
      sample();
      return Math.max(sampledPeak, memoryOf(pid)?.peakMb ?? 0);
    },
    currentRssMb: () => memoryOf(pid)?.rssMb ?? 0,
    cpuSeconds: () => cpuSecondsOf(pid),
    exited: () =>
      child.exitCode !== null || child.signalCode !== null
        ? `the ${options.mode} worker exited (${child.exitCode ?? child.signalCode})`
        : undefined,
    stop() {
      stopping ??= (async () => {
        clearInterval(sampler);
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/** A process and all its descendants (`tsx` runs the worker in a child node process: both count). */
export function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // Gone, or no children.
  }
  return [pid, ...children.flatMap(processTree)];
}

/**
 * CPU seconds of a process and its descendants: the dev server runs under a guard process
 * (worker/dev-server-guard.ts), so the pid the benchmark holds is not the one doing the work.
 */
export const treeCpuSecondsOf = (pid: number): number => processTree(pid).reduce((s, p) => s + cpuSecondsOf(p), 0);
