/**
 * One long-running process of the cluster (PostgreSQL or a Temporal service):
 * started with its output appended to a log file, stopped with a signal and
 * awaited, started again with the same command. The fault test kills and
 * restarts these by their own pids; nothing is ever killed by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import net from 'node:net';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (PostgreSQL refuses root). */
  uid?: number;
  gid?: number;
  /** TCP port on 127.0.0.1 that answers once the process is up. */
  port: number;
  readyTimeoutMs?: number;
  /** Beyond the open port: true once the process serves (PostgreSQL listens before it accepts sessions). */
  ready?: () => Promise<boolean>;
}

export interface ManagedProcess {
  readonly name: string;
  readonly port: number;
  pid(): number | undefined;
  running(): boolean;
  /** Starts it (when not running) and waits until its port accepts connections. */
  start(): Promise<void>;
  /** Sends the signal and waits for the exit; SIGKILL after graceMs if it is still there. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  starts: number;
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

export function managedProcess(spec: ProcessSpec): ManagedProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const alive = () => !!child && child.exitCode === null && child.signalCode === null;
  const managed: ManagedProcess = {
    name: spec.name,
    port: spec.port,
    starts: 0,
    pid: () => (alive() ? child!.pid : undefined),
    running: alive,
    async start() {
      if (alive()) return;
      if (await portOpen(spec.port)) {
        throw new Error(`${spec.name}: port ${spec.port} is already taken by another process`);
      }
      const log = openSync(spec.logFile, 'a');
      try {
        child = spawn(spec.command, spec.args, {
          env: spec.env ?? process.env,
          uid: spec.uid,
          gid: spec.gid,
          stdio: ['ignore', log, log],
          // Its own process group: a terminal's Ctrl-C reaches only us, and we stop the cluster in order.
          detached: true,
        });
      } finally {
        closeSync(log);
      }
      const started = child;
      managed.starts += 1;
      exited = new Promise((resolve) => started.once('exit', () => resolve()));
      const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
      const up = async () => (await portOpen(spec.port)) && (!spec.ready || (await spec.ready()));
      while (!(await up())) {
        if (!alive())
          throw new Error(`${spec.name} exited (code ${started.exitCode}) before it listened: see ${spec.logFile}`);
        if (Date.now() > deadline)
          throw new Error(`${spec.name} did not listen on ${spec.port} in time: see ${spec.logFile}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000) {
      if (!alive()) return;
      const proc = child!;
      proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return managed;
}
