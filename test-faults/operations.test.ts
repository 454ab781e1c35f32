/**
 * The worker as `npm run worker` runs it (worker/main.ts, a real process):
 * health endpoint, Prometheus metrics from the SDK's runtime telemetry, JSON
 * log lines with the course code, and SIGTERM while a notice fan-out is in
 * flight: the worker drains and exits 0, and the notices it was sending
 * arrive once — finished by the draining worker or retried by the next.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { courseWorkflowId, TASK_QUEUE } from '../domain/reference';
import { freePort } from '../test/support/ports';
import { startDevServer } from '../test/support/temporal';
import { waitFor } from '../test/support/wait-for';
import { recordFigures } from './support/figures';
import { startMailSink, type MailSink } from './support/mail-sink';
import {
  bundleToFile,
  decideReliably,
  expectedNotices,
  PARTICIPANTS,
  startFaultCourse,
  type FaultCourse,
} from './support/scenario';
import { tallyNotices } from './support/outcomes';
import { workerChild, type WorkerChild } from './support/worker-child';
import { envWithoutCodecKeys, TEST_CODEC_ENV, testDataConverter } from '../test/support/codec-keys';

const PROJECT_DIR = path.resolve(__dirname, '..');

describe('the worker process in operation', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-faults-ops-'));
  let env: TestWorkflowEnvironment | undefined;
  let sink: MailSink | undefined;
  let successor: WorkerChild | undefined;
  let kill: (() => void) | undefined;

  afterAll(async () => {
    kill?.();
    await successor?.close();
    await env?.teardown();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves /healthz and /metrics, logs JSON lines with the course code, and drains on SIGTERM without losing or doubling a notice', async () => {
    const began = Date.now();
    env = await startDevServer();
    sink = await startMailSink();
    const healthPort = await freePort();
    const metricsPort = await freePort();
    const address = (env as unknown as { address: string }).address;

    const lines: string[] = [];
    const stderr: string[] = [];
    const worker = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
      cwd: PROJECT_DIR,
      env: {
        ...envWithoutCodecKeys(),
        ...TEST_CODEC_ENV,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: 'default',
        KCCP_DEV_SERVER: 'off',
        SMTP_URL: sink.url,
        // One message at a time, so a fan-out is still under way when SIGTERM arrives.
        MAIL_CONCURRENCY: '1',
        HEALTH_PORT: String(healthPort),
        METRICS_PORT: String(metricsPort),
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'DEBUG',
        MAIL_OUTBOX_DIR: path.join(dir, 'outbox'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    kill = () => worker.kill('SIGKILL');
    const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
    readline.createInterface({ input: worker.stdout! }).on('line', (l) => lines.push(l));
    readline.createInterface({ input: worker.stderr! }).on('line', (l) => stderr.push(l));

    await waitFor(async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).status === 200, {
      timeoutMs: 120_000,
      intervalMs: 500,
      description: `the worker's health endpoint (stderr: ${stderr.slice(-5).join(' / ')})`,
    });
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^# (HELP|TYPE) temporal_/m);
    expect(metrics).toMatch(/temporal_worker_start|temporal_num_pollers|temporal_request/);

    // A course whose MOFA approval sends a course notification and GI packages to three countries; its later windows are a minute long, so nothing else happens meanwhile.
    const { Client } = await import('@temporalio/client');
    const client = new Client({ connection: env.connection, dataConverter: testDataConverter() });
    const w = 60_000;
    const course: FaultCourse = {
      code: 'OPS-TERM-01',
      start: Date.now() + 1_000,
      windowMs: w,
      surveyMs: 15_000,
      taskQueue: TASK_QUEUE,
    };
    const surveyCloses = course.start + 15_000;
    await startFaultCourse(client, course);
    const key = (label: string) => `ops-${label}-0001`;
    const decide = (
      kind: 'scrutiny' | 'surveyResponse' | 'mofaDetermination',
      label: string,
      body: Record<string, unknown>,
      deadline: number,
    ) =>
      decideReliably(
        client,
        course.code,
        kind,
        { actor: 'ops@jica.example', idempotencyKey: key(label), kind, ...body } as never,
        deadline,
      );
    await decide('scrutiny', 'scrutiny', { result: 'pass', reasons: ['ok'] }, surveyCloses);
    for (const country of PARTICIPANTS)
      await decide(
        'surveyResponse',
        `survey-${country}`,
        { country, wantsToParticipate: true, expectedParticipants: 1 },
        surveyCloses,
      );
    await new Promise((resolve) => setTimeout(resolve, surveyCloses + 300 - Date.now()));
    await decide('mofaDetermination', 'mofa', { approved: true }, surveyCloses + w);

    // SIGTERM as soon as the first notice of the fan-out is in.
    await waitFor(() => sink!.received.some((m) => m.course === course.code), {
      timeoutMs: 60_000,
      intervalMs: 50,
      description: 'the first notice',
    });
    const terminatedAt = Date.now();
    worker.kill('SIGTERM');
    const code = await exited;
    kill = undefined;
    const drainMs = Date.now() - terminatedAt;
    expect(code).toBe(0);
    expect(stderr.filter((l) => /Error|error/.test(l) && !/"level":"(WARN|DEBUG|INFO)"/.test(l))).toEqual([]);

    // The next worker takes over whatever the first did not finish.
    successor = workerChild({
      env: {
        ...TEST_CODEC_ENV,
        TEMPORAL_ADDRESS: address,
        TEMPORAL_NAMESPACE: 'default',
        SMTP_URL: sink.url,
        FAULTS_BUNDLE_PATH: await bundleToFile(dir),
        FAULTS_TASK_QUEUE: TASK_QUEUE,
      },
    });
    await successor.start();
    const mofaNotices = expectedNotices(course.code).filter((id) => /course-notification|general-information/.test(id));
    await waitFor(() => mofaNotices.every((id) => sink!.received.some((m) => m.messageId === id)), {
      timeoutMs: 90_000,
      intervalMs: 250,
      description: 'every MOFA notice',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const tally = tallyNotices(sink, [course.code]);
    expect(tally.copies).toBe(0);
    expect(tally.unexpected).toEqual([]);

    const history = await client.workflow.getHandle(courseWorkflowId(course.code)).fetchHistory();
    const attempts = (history.events ?? []).flatMap((e) =>
      e.activityTaskStartedEventAttributes ? [e.activityTaskStartedEventAttributes.attempt ?? 1] : [],
    );
    const retried = attempts.some((a) => a > 1);

    // Every stdout line of the worker is a JSON object with a courseCode key; the course's own lines carry its code.
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return { unparsable: l };
      }
    });
    expect(parsed.filter((p) => 'unparsable' in p)).toEqual([]);
    expect(parsed.filter((p) => !('courseCode' in p))).toEqual([]);
    const courseLines = parsed.filter((p) => p.courseCode === course.code);
    expect(courseLines.length).toBeGreaterThan(0);
    expect(courseLines.every((p) => p.workflowId === courseWorkflowId(course.code))).toBe(true);
    expect(parsed.some((p) => /draining/.test(String(p.message)))).toBe(true);

    console.log(
      `SIGTERM during the fan-out: exit ${code} after ${drainMs} ms; the in-flight notices were ${retried ? 'retried by the next worker (attempt > 1)' : 'finished by the draining worker'}; ${courseLines.length} log lines carried ${course.code}`,
    );
    recordFigures({
      test: 'SIGTERM drain, health, metrics, JSON logs',
      faults: 1,
      courses: 1,
      completed: 0,
      notices: tally.delivered,
      duplicates: tally.unexpected.length,
      lost: mofaNotices.filter((id) => !sink!.received.some((m) => m.messageId === id)).length,
      failedWorkflows: 0,
      resent: tally.copies,
      seconds: Math.round((Date.now() - began) / 1000),
      note: `SIGTERM mid-fan-out: ${retried ? 'in-flight activity cancelled by the drain and retried by the next worker' : 'in-flight activity finished before exit'}`,
    });
  });
});
