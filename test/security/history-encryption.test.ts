import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { toTokyoIso } from '../../domain/calendar';
import { courseWorkflowId } from '../../domain/reference';
import { encryptingDataConverter } from '../../security/codec';
import { startCodecServer, type CodecServer } from '../../security/codec-server';
import { keyRing } from '../../security/keys';
import { COURSE_WORKFLOWS_PATH, createCourseWorker } from '../../worker/bootstrap';
import { kccp } from '../client/run-kccp';
import { compressedCourse, DAY, decision, nominee } from '../fixtures/courses';
import { record, startCourse, status } from '../support/course-harness';
import { createRecordingActivities, type RecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer, temporalBinaries } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const KEY = Buffer.alloc(32, 42).toString('base64');
const KEYS_ENV = { KCCP_CODEC_KEYS: `kccp-e2e:${KEY}` };
const TOKEN = 'history-test-token-0123456789';
const CODE = 'SEC-E2E-001';
const NOMINEES = [nominee('Amina Otieno'), nominee('Awa Diop')];
const PERSONAL = NOMINEES.flatMap((n) => [n.name, n.email]);

/**
 * Everything a person could read from the CLI's JSON: the text itself and
 * every base64 string in it decoded, since the CLI prints payload data as
 * base64 and plain JSON payloads would otherwise hide behind it.
 */
function readable(output: string): string {
  const parts = [output];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length >= 8 && /^[A-Za-z0-9+/]+={0,2}$/.test(value))
        parts.push(Buffer.from(value, 'base64').toString('utf8'));
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  walk(JSON.parse(output));
  return parts.join('\n');
}

describe('nominee data in the Temporal history', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let codecServer: CodecServer;
  let client: Client;
  let activities: RecordingActivities;
  const taskQueue = `security-${randomUUID()}`;

  beforeAll(async () => {
    env = await startDevServer();
    // The worker and the client get the ring from the same KCCP_CODEC_KEYS a deployment sets.
    const dataConverter = encryptingDataConverter(keyRing(undefined, [['kccp-e2e', KEY]], 'KCCP_CODEC_KEYS'));
    client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter });
    activities = createRecordingActivities();
    worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities,
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
      dataConverter,
    });
    running = worker.run();
    codecServer = await startCodecServer({
      codec: dataConverter.payloadCodecs![0]!,
      token: TOKEN,
      allowedOrigins: ['http://localhost:8233'],
      log: () => undefined,
    });

    // Scrutiny and the survey are open now and close in 10 s; nominations open then.
    const now = Date.now();
    const spec = compressedCourse(CODE, now + 60 * DAY, DAY);
    spec.calendar!['1'] = {
      ...spec.calendar!['1']!,
      formulation: { opens: toTokyoIso(now - 2 * DAY), closes: toTokyoIso(now - DAY) },
      scrutiny: { opens: toTokyoIso(now - DAY), closes: toTokyoIso(now + 10_000) },
      requestSurvey: { opens: toTokyoIso(now - DAY), closes: toTokyoIso(now + 10_000) },
      mofaDetermination: { opens: toTokyoIso(now + 10_000), closes: toTokyoIso(now + DAY) },
      nominations: { opens: toTokyoIso(now + 10_000), closes: toTokyoIso(now + 2 * DAY) },
    };
    const handle = await startCourse(client, spec, taskQueue);
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
    for (const country of ['KE', 'SN', 'PE']) {
      await record(
        handle,
        'surveyResponse',
        decision('surveyResponse', { country, wantsToParticipate: true, expectedParticipants: 1 }),
      );
    }
    await waitFor(async () => (await status(handle)).phase === 'MofaDetermination', {
      timeoutMs: 60_000,
      description: 'the survey window to close',
    });
    await record(handle, 'mofaDetermination', decision('mofaDetermination', { approved: true }));
    await record(
      handle,
      'nominations',
      decision('nominations', { country: 'KE', organizations: ['Ministry of Agriculture'], nominees: [NOMINEES[0]!] }),
    );
    await record(
      handle,
      'nominations',
      decision('nominations', { country: 'SN', organizations: ['ISRA'], nominees: [NOMINEES[1]!] }),
    );
    await waitFor(async () => (await status(handle)).cycles[0]!.noticesSent['nomination-acknowledgement'] === 2, {
      timeoutMs: 30_000,
      description: 'both nomination acknowledgements',
    });
  });

  afterAll(async () => {
    await codecServer?.close();
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  const show = async (extra: string[] = []) => {
    const { cli } = await temporalBinaries();
    const args = [
      'workflow',
      'show',
      '--address',
      env.address,
      '--namespace',
      env.namespace ?? 'default',
      '--workflow-id',
      courseWorkflowId(CODE),
      '--output',
      'json',
      ...extra,
    ];
    return new Promise<string>((resolve, reject) => {
      const { TEMPORAL_CODEC_ENDPOINT: _e, TEMPORAL_CODEC_AUTH: _a, ...clean } = process.env;
      execFile(cli.path, args, { env: clean, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`temporal ${args.join(' ')} failed: ${stderr}`)) : resolve(String(stdout)),
      );
    });
  };

  it('holds no nominee name or e-mail in clear: `temporal workflow show --output json` prints them only encrypted', async () => {
    const text = readable(await show());
    for (const personal of PERSONAL) expect(text).not.toContain(personal);
    expect(text).toContain('binary/encrypted');
    expect(text).toContain('kccp-e2e'); // the key id travels in the clear, so any holder of the ring can open it
    // What the codec leaves readable on purpose: ids, types and search attributes.
    expect(text).toContain(courseWorkflowId(CODE));
    expect(text).toContain('courseLifecycle');
  });

  it('decodes through the codec server: the CLI with --codec-endpoint and --codec-auth shows the nominees', async () => {
    const text = readable(await show(['--codec-endpoint', codecServer.url, '--codec-auth', `Bearer ${TOKEN}`]));
    for (const personal of PERSONAL) expect(text).toContain(personal);
  });

  it('keeps the history closed to the CLI with a wrong codec token', async () => {
    const shown = await show([
      '--codec-endpoint',
      codecServer.url,
      '--codec-auth',
      'Bearer wrong-token-0123456789',
    ]).catch((error: Error) => error.message);
    for (const personal of PERSONAL)
      expect(readable(shown.startsWith('{') ? shown : JSON.stringify(shown))).not.toContain(personal);
  });

  it('the kccp admin client decrypts with the keys from KCCP_CODEC_KEYS, and reads nothing with a ring that lacks them', async () => {
    const withKeys = await kccp(env.address, ['status', CODE, '--json'], KEYS_ENV);
    expect(withKeys.stderr).toBe('');
    expect(withKeys.code).toBe(0);
    expect(JSON.parse(withKeys.stdout)).toMatchObject({ code: CODE });
    // With no ring configured, kccp on this machine would use the development key: another ring, like this one.
    const otherRing = await kccp(env.address, ['status', CODE, '--json'], {
      KCCP_CODEC_KEYS: `someone-else:${Buffer.alloc(32, 1).toString('base64')}`,
    });
    expect(otherRing.code).not.toBe(0);
    expect(otherRing.stdout + otherRing.stderr).toMatch(/key "kccp-e2e", an unknown key id for this key ring/);
    for (const personal of PERSONAL) expect(otherRing.stdout + otherRing.stderr).not.toContain(personal);
  });
});
