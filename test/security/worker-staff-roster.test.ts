import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALLOW_UNSIGNED_VALUE, ALLOW_UNSIGNED_VARIABLE } from '../../platform/staff-keys';
import { courseSearchAttributeKeys } from '../../worker/search-attributes';
import { temporalBinaries } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const KEYS_ENV = { KCCP_CODEC_KEYS: `roster-key:${Buffer.alloc(32, 0x2a).toString('base64')}` };

interface WorkerRun {
  output: string;
  exitCode(): number | null;
  stop(): Promise<void>;
}

/** `npm start`'s worker (worker/main.ts) as a process, with only the variables this test gives it. */
function startWorker(address: string, extra: NodeJS.ProcessEnv, outbox: string): WorkerRun {
  const {
    KCCP_STAFF_KEYS_FILE: _s,
    [ALLOW_UNSIGNED_VARIABLE]: _a,
    KCCP_CODEC_KEYS_FILE: _f,
    KCCP_CODEC_CURRENT_KEY: _c,
    ...inherited
  } = process.env;
  const child = spawn(
    path.resolve(__dirname, '../../node_modules/.bin/tsx'),
    [path.resolve(__dirname, '../../worker/main.ts')],
    {
      env: {
        ...inherited,
        ...KEYS_ENV,
        ...extra,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: 'default',
        // An API key makes the server a shared one to the worker (a local dev server takes none, and ignores
        // it): the rule is tested without sending a packet beyond loopback.
        TEMPORAL_API_KEY: 'shared-cluster-api-key',
        TEMPORAL_TLS: 'false',
        HEALTH_PORT: 'off',
        KCCP_EVALUATION_SCHEDULE: 'off',
        MAIL_OUTBOX_DIR: outbox,
        KCCP_REPORTS_DIR: outbox,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const run: WorkerRun = {
    output: '',
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
  child.stdout!.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (run.output += chunk.toString()));
  return run;
}

describe('a worker of a shared server (an API key, not a plain local dev server)', () => {
  let env: TestWorkflowEnvironment;
  let address: string;
  let outbox: string;
  const workers: WorkerRun[] = [];

  beforeAll(async () => {
    const { cli } = await temporalBinaries();
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli.path },
        ip: '127.0.0.1',
        searchAttributes: courseSearchAttributeKeys(),
      },
    });
    address = env.address;
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-outbox-'));
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await env?.teardown();
    if (outbox) fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('refuses to start without KCCP_STAFF_KEYS_FILE, before connecting, saying what to set', async () => {
    const worker = startWorker(address, {}, outbox);
    workers.push(worker);
    const code = await waitFor(() => worker.exitCode() ?? false, {
      timeoutMs: 60_000,
      intervalMs: 200,
      description: 'the worker to exit',
    });
    expect(code).not.toBe(0);
    expect(worker.output).toContain(`KCCP_STAFF_KEYS_FILE is not set: a worker of ${address}`);
    expect(worker.output).toContain(`${ALLOW_UNSIGNED_VARIABLE}=${ALLOW_UNSIGNED_VALUE}`);
    // It stopped before its connection line: nothing of it reached the server.
    expect(worker.output).not.toMatch(/Temporal: |Worker polling/);
  });

  it(`starts and polls with ${ALLOW_UNSIGNED_VARIABLE}=${ALLOW_UNSIGNED_VALUE}, warning that decisions are unsigned`, async () => {
    const worker = startWorker(address, { [ALLOW_UNSIGNED_VARIABLE]: ALLOW_UNSIGNED_VALUE }, outbox);
    workers.push(worker);
    await waitFor(() => worker.output.includes('Worker polling task queue') || worker.exitCode() !== null, {
      timeoutMs: 90_000,
      intervalMs: 250,
      description: 'the worker to poll',
    });
    expect({ exitCode: worker.exitCode(), output: worker.output }).toEqual({
      exitCode: null,
      output: expect.stringContaining('Worker polling task queue kccp-courses'),
    });
    expect(worker.output).toMatch(/WARNING: .*UNSIGNED from anyone with access to/);
  }, 120_000);
});
