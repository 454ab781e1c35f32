/**
 * `npm run cluster` as a person runs it: it prints the addresses, `kccp`
 * works against it through TEMPORAL_ADDRESS (a course created, found again by
 * a visibility query on its search attributes, served from PostgreSQL),
 * Ctrl-C stops every process it started, and a second run on the same folder
 * reuses the data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { json, kccp } from '../test/client/run-kccp';
import { freeLowPort } from './support/rig';
import { waitFor } from '../test/support/wait-for';

const ROOT = path.resolve(__dirname, '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startScript(dir: string, port: number): Run {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'scripts/cluster/main.ts'), '--dir', dir, '--port', String(port)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function untilReady(run: Run): Promise<number[]> {
  await waitFor(() => run.output().includes('Press Ctrl-C') || run.child.exitCode !== null, {
    timeoutMs: 600_000,
    intervalMs: 250,
    description: 'npm run cluster to print its addresses',
  });
  if (run.child.exitCode !== null) throw new Error(`npm run cluster exited ${run.child.exitCode}:\n${run.output()}`);
  return [...run.output().matchAll(/ pid (\d+), gRPC/g)].map((m) => Number(m[1]));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm run cluster', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-npm-cluster-'));
  chmodSync(dir, 0o755);
  const runs: Run[] = [];

  afterAll(async () => {
    for (const run of runs) {
      if (run.child.exitCode === null) {
        run.child.kill('SIGINT');
        await run.exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves kccp through TEMPORAL_ADDRESS, stops on Ctrl-C and keeps its data for the next run', async () => {
    // Its other ports follow the frontend's; membership ports (300 below) must stay under 32768.
    const port = await freeLowPort();
    const first = startScript(dir, port);
    runs.push(first);
    const pids = await untilReady(first);
    expect(pids).toHaveLength(4);
    expect(first.output()).toContain(`TEMPORAL_ADDRESS=127.0.0.1:${port}`);
    expect(first.output()).toContain('Creating database temporal_visibility');
    const address = `127.0.0.1:${port}`;

    const created = await kccp(address, [
      'course',
      'create',
      '--code',
      'KCCP-2028-AGR-91',
      '--title',
      'Sustainable Rice Production',
      '--subject',
      'Agricultural Development',
      '--region',
      'Africa',
      '--countries',
      'KE,SN,TZ',
      '--host-centre',
      'JICA Tsukuba',
      '--first-year',
      '2028',
    ]);
    expect(created).toMatchObject({ code: 0 });
    const listed = () =>
      waitFor(
        async () => {
          const run = await kccp(address, ['--json', 'list', '--subject', 'Agricultural Development']);
          const list = json<{ courses: { code: string }[] }>(run).courses;
          return list.some((c) => c.code === 'KCCP-2028-AGR-91') && list;
        },
        { timeoutMs: 60_000, intervalMs: 1_000, description: 'the course in kccp list' },
      );
    expect(await listed()).toHaveLength(1);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('Cluster stopped.');
    expect(pids.filter(alive)).toEqual([]);

    const second = startScript(dir, port);
    runs.push(second);
    await untilReady(second);
    expect(second.output()).not.toContain('Creating');
    expect(await listed()).toHaveLength(1);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });
});
