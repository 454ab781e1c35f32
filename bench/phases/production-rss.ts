/**
 * `npm run bench -- --production-rss`: the worker's memory as `npm start` runs
 * it (tsx, workflows bundled at start) against the production build (`node
 * dist/worker/main.js` with the prebuilt bundle), each as the real
 * worker/main.ts process: RSS once it polls and is idle, then with
 * `--open-courses` courses waiting in their survey window. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { courseLifecycleWorkflowType } from '../../workflows/messages';
import { freePort } from '../../test/support/ports';
import { workerHeapFlag } from '../../worker/bootstrap';
import { onCleanUp } from '../support/cleanup';
import { inPool, progress, round } from '../support/measure';
import { memoryOf, processTree, treeCpuSecondsOf } from '../support/processes';
import { openManyCourses, untilIdle } from './scale';

const ROOT = path.resolve(__dirname, '..', '..');

export interface WorkerVariant {
  name: string;
  prefix: string;
  command: string[];
}

export const VARIANTS: WorkerVariant[] = [
  {
    name: 'tsx worker/main.ts, bundling at start (npm start)',
    prefix: 'RSSTSX',
    command: [path.join(ROOT, 'node_modules', '.bin', 'tsx'), workerHeapFlag(), 'worker/main.ts'],
  },
  {
    name: 'node dist/worker/main.js, prebuilt bundle (npm run start:prod)',
    prefix: 'RSSDIST',
    command: [process.execPath, workerHeapFlag(), 'dist/worker/main.js'],
  },
];

export interface RssFigures {
  variant: string;
  processes: number;
  polling_after_s: number;
  rss_mb_at_start: number;
  rss_mb_with_open_courses: number;
  rss_mb_peak: number;
  open_courses: number;
}

const treeRss = (pid: number) => processTree(pid).reduce((mb, p) => mb + (memoryOf(p)?.rssMb ?? 0), 0);
const treePeak = (pid: number) => processTree(pid).reduce((mb, p) => mb + (memoryOf(p)?.peakMb ?? 0), 0);

async function healthy(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200;
  } catch {
    return false;
  }
}

export async function measureVariant(
  client: Client,
  address: string,
  variant: WorkerVariant,
  openCourses: number,
  scratch: string,
): Promise<RssFigures & { failures: string[] }> {
  const healthPort = await freePort();
  const began = Date.now();
  const [command, ...args] = variant.command;
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: 'default',
      KCCP_DEV_SERVER: 'off',
      HEALTH_PORT: String(healthPort),
      KCCP_EVALUATION_SCHEDULE: 'off',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'WARN',
      MAIL_OUTBOX_DIR: path.join(scratch, variant.prefix, 'outbox'),
      KCCP_REPORTS_DIR: path.join(scratch, variant.prefix, 'reports'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  onCleanUp(stop);
  const pid = child.pid!;
  // /healthz says 200 once the worker polls; the deadline only guards a hung start.
  while (!(await healthy(healthPort))) {
    if (child.exitCode !== null) throw new Error(`${variant.name} exited (${child.exitCode}) before it polled`);
    if (Date.now() - began > 180_000) throw new Error(`${variant.name} did not poll within 3 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const pollingAfter = (Date.now() - began) / 1000;
  await untilIdle(() => treeCpuSecondsOf(pid));
  const atStart = treeRss(pid);
  progress(`${variant.name}: polling after ${pollingAfter.toFixed(1)} s, ${atStart.toFixed(0)} MB at start`);
  const opened = await openManyCourses(client, openCourses, variant.prefix, () => treeCpuSecondsOf(pid));
  const figures = {
    variant: variant.name,
    processes: processTree(pid).length,
    polling_after_s: round(pollingAfter, 1),
    rss_mb_at_start: round(atStart, 0),
    rss_mb_with_open_courses: round(treeRss(pid), 0),
    rss_mb_peak: round(treePeak(pid), 0),
    open_courses: opened.openCourses,
    failures: opened.failures,
  };
  await stop();
  const query = `WorkflowType="${courseLifecycleWorkflowType}" AND ExecutionStatus="Running" AND CourseCode STARTS_WITH "${variant.prefix}-"`;
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
  await inPool(ids, 16, async (id) => {
    await client.workflow.getHandle(id).terminate('benchmark phase over');
  });
  return figures;
}

export async function productionRss(
  client: Client,
  address: string,
  openCourses: number,
  scratch: string,
): Promise<{ figures: RssFigures[]; failures: string[] }> {
  if (!existsSync(path.join(ROOT, 'dist', 'workflow-bundle.js'))) {
    throw new Error('no production build: run `npm run build` first');
  }
  const figures: RssFigures[] = [];
  const failures: string[] = [];
  for (const variant of VARIANTS) {
    progress(`production-rss: ${variant.name}, then ${openCourses} open courses`);
    const { failures: f, ...measured } = await measureVariant(client, address, variant, openCourses, scratch);
    figures.push(measured);
    failures.push(...f);
  }
  return { figures, failures };
}
