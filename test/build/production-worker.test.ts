/**
 * The worker container, without Docker: the Dockerfile's build stage and
 * runtime stage run as shell steps (test/support/dockerfile.ts), and the
 * runtime stage's files alone — compiled code, the prebuilt workflow bundle,
 * production node_modules — run a course through a whole cycle on a dev server,
 * started by the Dockerfile's CMD and checked by its HEALTHCHECK.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { CourseStatus } from '../../domain/lifecycle';
import { testDataConverter, TEST_CODEC_ENV } from '../support/codec-keys';
import { compressedCourse, decision, nominee } from '../fixtures/courses';
import { record, startCourse, status, type CourseHandle } from '../support/course-harness';
import { freePort } from '../support/ports';
import { parseStages, runStage, type Stage } from '../support/dockerfile';
import { startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const ROOT = path.resolve(__dirname, '../..');
const DOCKERFILE = path.join(ROOT, 'Dockerfile');
const STEP = 6_000;

let work: string;
let build: Stage;
let runtime: Stage;
let env: TestWorkflowEnvironment;
let worker: WorkerProcess | undefined;
let healthPort: number;

beforeAll(async () => {
  // Under var/ (git-ignored), on the repository's file system, so node_modules can be hard-linked.
  mkdirSync(path.join(ROOT, 'var'), { recursive: true });
  work = mkdtempSync(path.join(ROOT, 'var', 'docker-'));
  const stages = parseStages(DOCKERFILE, work);
  [build, runtime] = stages as [Stage, Stage];
  runStage(DOCKERFILE, build, stages, ROOT);
  runStage(DOCKERFILE, runtime, stages, ROOT);
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the Dockerfile', () => {
  it('builds on node:20-slim and runs as a non-root user with a health check on /healthz', () => {
    expect([build.image, runtime.image]).toEqual(['node:20-slim', 'node:20-slim']);
    expect(runtime.user).toBe('node');
    expect(runtime.healthcheck?.join(' ')).toContain('/healthz');
    expect(runtime.cmd?.join(' ')).toContain(
      'node --max-old-space-size=${KCCP_WORKER_HEAP_MB:-640} dist/worker/main.js',
    );
  });

  it('keeps only compiled code, the prebuilt bundle and production dependencies in the runtime stage', () => {
    expect(readdirSync(runtime.dir).sort()).toEqual(['dist', 'node_modules', 'package.json', 'var']);
    expect(existsSync(path.join(runtime.dir, 'dist', 'workflow-bundle.js'))).toBe(true);
    expect(existsSync(path.join(runtime.dir, 'dist', 'worker', 'main.js'))).toBe(true);
    expect(existsSync(path.join(runtime.dir, 'dist', 'data', 'country-directory.json'))).toBe(true);
    const sources = spawnSync('find', ['dist', '-name', '*.ts', '!', '-name', '*.d.ts'], {
      cwd: runtime.dir,
      encoding: 'utf8',
    }).stdout;
    expect(sources).toBe('');
    for (const devOnly of ['typescript', 'jest', 'eslint', '@temporalio/testing']) {
      expect({ devOnly, present: existsSync(path.join(runtime.dir, 'node_modules', devOnly)) }).toEqual({
        devOnly,
        present: false,
      });
    }
  });
});

describe('the production worker (runtime stage, CMD as written)', () => {
  beforeAll(async () => {
    env = await startDevServer({ dataConverter: testDataConverter() });
    healthPort = await freePort();
    const { KCCP_CODEC_KEYS_FILE: _f, KCCP_CODEC_CURRENT_KEY: _c, LOG_FORMAT: _l, ...inherited } = process.env;
    worker = await startWorkerProcess({
      command: runtime.cmd![0]!,
      args: runtime.cmd!.slice(1),
      cwd: runtime.dir,
      timeoutMs: 60_000,
      env: {
        ...inherited,
        ...runtime.env,
        ...TEST_CODEC_ENV,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        HEALTH_PORT: String(healthPort),
        KCCP_EVALUATION_SCHEDULE: 'off',
        MAIL_OUTBOX_DIR: path.join(runtime.dir, 'var', 'outbox'),
        KCCP_REPORTS_DIR: path.join(runtime.dir, 'var', 'reports'),
      },
    });
  }, 120_000);

  it('loads the prebuilt workflow bundle instead of bundling, and logs JSON lines', () => {
    const lines = worker!
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { message: string; courseCode: unknown });
    expect(lines.every((line) => 'courseCode' in line)).toBe(true);
    expect(lines.map((l) => l.message).join('\n')).toContain(
      `prebuilt workflow bundle ${path.join(runtime.dir, 'dist', 'workflow-bundle.js')}`,
    );
    expect(worker!.output()).not.toContain('Workflow bundle created');
  });

  it('passes the HEALTHCHECK', () => {
    const [command, ...args] = runtime.healthcheck!;
    const check = spawnSync(command!, args, { env: { ...process.env, HEALTH_PORT: String(healthPort) } });
    expect(check.status).toBe(0);
  });

  it('runs a course through a whole cycle', async () => {
    const client = env.client;
    const handle = await startCourse(client, compressedCourse('KCCP-PROD-001', Date.now() - STEP / 2, STEP));
    await driveCycle(handle);
    // The cycle ends with its evaluation; the course carries its outcome into cycle 2's run.
    const done = await waitFor(
      async () => {
        const s = await status(handle);
        return s.outcomes.some((o) => o.cycle === 1) ? s : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, description: "cycle 1's outcome" },
    );
    expect(done.outcomes.map((o) => [o.cycle, o.phase, o.mofaApproved])).toEqual([[1, 'Completed', true]]);
    expect(done.cycle).toBe(2);
    await handle.terminate('test done');
  }, 180_000);
});

const cycle1 = (s: CourseStatus) => s.cycles.find((c) => c.cycle === 1)?.phase;

function untilCycle1(handle: CourseHandle, ok: (phase: string | undefined) => boolean, timeoutMs = 4 * STEP) {
  return waitFor(
    async () => {
      const s = await status(handle);
      return ok(cycle1(s)) ? s : undefined;
    },
    { timeoutMs, intervalMs: 200, description: 'the course to reach the next phase' },
  );
}

/** The decisions of one cycle, each sent once its window is open (the workflow's own timers open them). */
async function driveCycle(handle: CourseHandle): Promise<void> {
  // Under program-rules-v1 a cycle without a plan is not held: record it while formulation is open.
  await untilCycle1(handle, (p) => p === 'Formulation');
  await record(handle, 'plan', decision('plan', { summary: 'Rice farming', materialChange: false }));
  await untilCycle1(handle, (p) => p === 'Scrutiny' || p === 'RequestSurvey');
  await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['Japanese expertise'] }));
  for (const country of ['KE', 'SN', 'PE']) {
    await record(
      handle,
      'surveyResponse',
      decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 2 }),
    );
  }
  await untilCycle1(handle, (p) => p === 'MofaDetermination');
  await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true, reference: 'MOFA-1' }));
  await record(
    handle,
    'nominations',
    decision('nominations', { country: 'KE', organizations: ['Ministry'], nominees: [nominee('Amina Otieno')] }),
  );
  await untilCycle1(handle, (p) => p === 'Selection');
  await record(
    handle,
    'selection',
    decision('selection', { participants: [{ country: 'KE', nominees: ['Amina Otieno'] }] }),
  );
  await untilCycle1(handle, (p) => p === 'InJapan');
  await record(
    handle,
    'implementationReport',
    decision('implementationReport', {
      mode: 'in-person',
      startedOn: '2027-07-01',
      endedOn: '2027-07-20',
      attendance: [{ country: 'KE', participants: 1 }],
    }),
  );
  await untilCycle1(handle, (p) => p === 'Evaluation');
  const fiscalYear = (await status(handle)).cycles.find((c) => c.cycle === 1)!.fiscalYear;
  await record(handle, 'evaluation', decision('evaluation', { fiscalYear, findings: ['Keep the field visits'] }));
}
