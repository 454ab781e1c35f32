/**
 * Issue 13, finding 5: the yearly evaluation trusted whoever started it. Each
 * attack is replayed here on a real dev server against the real worker
 * activities: a starter's invented tally, a forged or borrowed seal, a bad
 * fiscal year, a traversal through the year, a signed deployment without the
 * operator key. Each is refused, and nothing is written or mailed. The dev
 * server suggests continue-as-new after 30 events, so the happy path also
 * crosses a sealed continue-as-new.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  WorkflowFailedError,
  type WorkflowHandle,
  type WorkflowHandleWithFirstExecutionRunId,
} from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createEvaluationActivities, type EvaluationActivityDeps } from '../../activities/evaluation';
import { hmacSealer, sealedBytes } from '../../activities/evaluation/seal';
import { loadStaffRoster } from '../../activities/directory';
import type { OutgoingMail } from '../../activities/transport';
import { emptyTally } from '../../domain/evaluation/tally';
import { TASK_QUEUE } from '../../domain/reference';
import { bytesToBase64, generateStaffKeyPair } from '../../domain/staff';
import { createCourseWorker, COURSE_WORKFLOWS_PATH } from '../../worker/bootstrap';
import { EVALUATION_ACTOR, yearlyEvaluation } from '../../workflows/evaluation';
import { compressedCourse, DAY } from '../fixtures/courses';
import { startCourse } from '../support/course-harness';
import { createRecordingActivities } from '../support/recording-activities';
import { bundleWorkflowCodeOnce, startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';

const SEAL_KEY = new Uint8Array(32).fill(7);
const COURSES = [1, 2, 3, 4, 5, 6].map((n) => `TRUST-EVAL-0${n}`);

describe('the yearly evaluation trusts no starter', () => {
  let env: TestWorkflowEnvironment;
  let root: string;
  const workers: { worker: Worker; running: Promise<void> }[] = [];
  const mails: OutgoingMail[] = [];
  let seq = 0;

  async function startWorker(taskQueue: string, deps: Partial<EvaluationActivityDeps>): Promise<string> {
    const reportsDir = path.join(root, taskQueue, 'reports');
    const evaluation = createEvaluationActivities({
      client: env.client,
      reportsDir,
      roster: loadStaffRoster(),
      from: 'JICA KCCP <kccp@kccp.jica.example>',
      transport: {
        mode: 'outbox',
        send: async (mail) => {
          mails.push(mail);
          return { accepted: mail.message.to as string[], rejected: [] };
        },
        close: async () => undefined,
      },
      sealKey: SEAL_KEY,
      ...deps,
    });
    const worker = await createCourseWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      activities: { ...createRecordingActivities(), ...evaluation },
      workflowBundle: await bundleWorkflowCodeOnce(COURSE_WORKFLOWS_PATH),
    });
    workers.push({ worker, running: worker.run() });
    return reportsDir;
  }

  const start = (input: unknown, taskQueue = TASK_QUEUE) =>
    env.client.workflow.start('yearlyEvaluation', {
      workflowId: `trust-evaluation-${++seq}`,
      taskQueue,
      args: [input],
    }) as Promise<WorkflowHandleWithFirstExecutionRunId<typeof yearlyEvaluation>>;

  /** The run's failure (type and message), and whether it scheduled any activity before failing. */
  async function refusal(handle: WorkflowHandle<typeof yearlyEvaluation>) {
    const error = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause as { type?: string; message: string; nonRetryable?: boolean };
    const history = await handle.fetchHistory();
    const activities = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name)
      .filter((name): name is string => !!name);
    return { type: cause.type, message: cause.message, nonRetryable: cause.nonRetryable, activities };
  }

  const filesUnder = async (dir: string) => readdir(dir, { recursive: true }).catch(() => [] as string[]);

  let reportsDir: string;

  beforeAll(async () => {
    env = await startDevServer({ extraArgs: ['--dynamic-config-value', 'limit.historyCount.suggestContinueAsNew=30'] });
    root = await mkdtemp(path.join(os.tmpdir(), 'kccp-trust-'));
    reportsDir = await startWorker(TASK_QUEUE, {});
  });

  afterAll(async () => {
    for (const w of workers) w.worker.shutdown();
    await Promise.all(workers.map((w) => w.running));
    await env?.teardown();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("refuses a starter's carried tally before any activity: nothing written, nothing mailed", async () => {
    const invented = { ...emptyTally(2025), courses: 999, coursesBySubject: { '=HYPERLINK("http://evil")': 999 } };
    const oldShape = await refusal(
      await start({ fiscalYear: 2025, carried: { startedAt: 0, seen: [], tally: invented, pages: 0 } }),
    );
    expect(oldShape).toMatchObject({ type: 'InvalidEvaluationInput', nonRetryable: true, activities: [] });
    expect(oldShape.message).toMatch(/^input: fiscalYear cannot be given with carried/);

    const unsealed = await refusal(await start({ carried: { startedAt: 0, seen: [], tally: invented, pages: 0 } }));
    expect(unsealed).toMatchObject({ type: 'InvalidEvaluationInput', activities: [] });
    expect(unsealed.message).toMatch(/^input\.carried: must be state sealed by the worker/);
    expect(mails).toEqual([]);
    expect(await filesUnder(reportsDir)).toEqual([]);
  });

  it('refuses a forged seal, and a genuine seal made for another evaluation, before listing a course', async () => {
    const state = {
      fiscalYear: 2025,
      pageSize: 200,
      batchSize: 50,
      startedAt: Date.now(),
      seen: [],
      tally: { ...emptyTally(2025), courses: 999 },
      pages: 0,
    };
    const forged = await refusal(
      await start({ carried: { state, seal: { alg: 'hmac-sha256', keyId: 'local', value: 'AAAA' } } }),
    );
    expect(forged).toMatchObject({ type: 'CarriedStateRefused', nonRetryable: true, activities: ['openEvaluation'] });
    expect(forged.message).toMatch(/^input\.carried: the seal \(hmac-sha256, key local\) does not verify/);

    // Sealed with the worker's own key, but for another evaluation's chain of runs (as read from its history).
    const value = hmacSealer('local', SEAL_KEY).sign(sealedBytes('trust-evaluation-elsewhere', 'some-run-id', state));
    const borrowed = await refusal(
      await start({ carried: { state, seal: { alg: 'hmac-sha256', keyId: 'local', value } } }),
    );
    expect(borrowed).toMatchObject({ type: 'CarriedStateRefused', activities: ['openEvaluation'] });
    expect(mails).toEqual([]);
    expect(await filesUnder(reportsDir)).toEqual([]);
  });

  it.each([
    [{ fiscalYear: 2025.5 }, 'input.fiscalYear: must be an integer from 2000 to 2100'],
    [{ fiscalYear: 99999 }, 'input.fiscalYear: must be an integer from 2000 to 2100'],
    [{ fiscalYear: '../../..' }, 'input.fiscalYear: must be an integer from 2000 to 2100'],
    [{ fiscalYear: 2025, tally: {} }, 'input: unknown field(s) tally'],
    [{ pageSize: 0 }, 'input.pageSize:'],
  ])('refuses %j before any activity, naming the field and its rule', async (input, message) => {
    const refused = await refusal(await start(input));
    expect(refused).toMatchObject({ type: 'InvalidEvaluationInput', nonRetryable: true, activities: [] });
    expect(refused.message.startsWith(message)).toBe(true);
    expect(await filesUnder(root)).not.toContainEqual(expect.stringMatching(/report\.(md|csv)$/));
    expect(mails).toEqual([]);
  });

  it('in a signed deployment without the operator key, fails at once and mails nothing', async () => {
    const staffKeysFile = path.join(root, 'staff-keys.json');
    await writeFile(staffKeysFile, JSON.stringify({ keys: [] }));
    const dir = await startWorker('trust-signed-no-key', { staffKeysFile });
    const refused = await refusal(await start({ fiscalYear: 2019 }, 'trust-signed-no-key'));
    expect(refused).toMatchObject({
      type: 'EvaluationNotAuthorized',
      nonRetryable: true,
      activities: ['openEvaluation'],
    });
    expect(refused.message).toMatch(/requires the operator signature: .*no KCCP_EVALUATION_SIGNING_KEY/);
    expect(mails).toEqual([]);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('in a signed deployment with the listed operator key, evaluates, writes and mails', async () => {
    const { privateKey, publicKey } = generateStaffKeyPair();
    const staffKeysFile = path.join(root, 'staff-keys-signed.json');
    const key = {
      keyId: 'evaluation-test',
      actor: EVALUATION_ACTOR,
      role: 'operator',
      publicKey: bytesToBase64(publicKey),
    };
    await writeFile(staffKeysFile, JSON.stringify({ keys: [key] }));
    const dir = await startWorker('trust-signed', { staffKeysFile, signer: { keyId: 'evaluation-test', privateKey } });
    const result = await (await start({ fiscalYear: 2019 }, 'trust-signed')).result();
    expect(result).toMatchObject({ fiscalYear: 2019, courses: 0 });
    expect((await filesUnder(dir)).sort()).toEqual(
      ['JFY2019', 'JFY2019/chart.svg', 'JFY2019/report.csv', 'JFY2019/report.json', 'JFY2019/report.md'].map((f) =>
        path.normalize(f),
      ),
    );
    expect(mails.map((m) => m.message.headers)).toEqual([{ 'X-KCCP-Evaluation': 'JFY2019' }]);
    mails.length = 0;
  });

  it('still evaluates a started year across a sealed continue-as-new, and writes and mails the report', async () => {
    const begin = Date.now() + DAY;
    for (const code of COURSES) await startCourse(env.client, compressedCourse(code, begin, DAY));
    const fiscalYear = await waitFor(
      async () => {
        const years: number[] = [];
        for await (const w of env.client.workflow.list({
          query: `WorkflowType = 'courseLifecycle' AND ExecutionStatus = 'Running'`,
        }))
          years.push(...((w.searchAttributes?.FiscalYear as number[] | undefined) ?? []));
        return years.length === COURSES.length ? years[0] : undefined;
      },
      { timeoutMs: 60_000, description: 'the courses listed with their FiscalYear' },
    );
    const handle = await start({ fiscalYear, pageSize: 1, batchSize: 1 });
    const result = await handle.result();
    expect(result).toMatchObject({ fiscalYear, courses: COURSES.length, pages: COURSES.length + 1 });
    const first = await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory();
    const continued = first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes;
    expect(continued?.newExecutionRunId).toBeTruthy();
    const carried = JSON.parse(Buffer.from(continued!.input!.payloads![0]!.data!).toString('utf8')) as {
      carried: { seal: { alg: string; keyId: string } };
    };
    expect(carried.carried.seal).toMatchObject({ alg: 'hmac-sha256', keyId: 'local' });
    expect(await filesUnder(path.join(reportsDir, `JFY${fiscalYear}`))).toEqual(
      expect.arrayContaining(['report.md', 'report.csv', 'chart.svg', 'report.json']),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.message.subject).toContain(`JFY${fiscalYear}: ${COURSES.length} courses`);
  });
});
