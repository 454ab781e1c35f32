import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { encryptingDataConverter, METADATA_KEY_ID } from '../../security/codec';
import { keyRingFromEnv } from '../../security/keys';
import { compressedCourse, DAY, decision } from '../fixtures/courses';
import { record, startCourse } from '../support/course-harness';
import { startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const KEY = Buffer.alloc(32, 0x5e).toString('base64');
const KEYS_ENV = { KCCP_CODEC_KEYS: `main-key:${KEY}` };

/** Every payload anywhere in a history, with its encoding and key id. */
function payloadsIn(history: unknown): Array<{ encoding: string; keyId?: string }> {
  const found: Array<{ encoding: string; keyId?: string }> = [];
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
    if (metadata?.encoding) {
      found.push({
        encoding: Buffer.from(metadata.encoding).toString(),
        keyId: metadata[METADATA_KEY_ID] && Buffer.from(metadata[METADATA_KEY_ID]).toString(),
      });
      return;
    }
    Object.values(value).forEach(walk);
  };
  walk(history);
  return found;
}

/** `npm start`'s worker (worker/main.ts) as a process, against a test dev server, with keys from the environment. */
describe('the worker that npm start runs', () => {
  let env: TestWorkflowEnvironment;
  let worker: WorkerProcess | undefined;
  let outbox: string;

  beforeAll(async () => {
    env = await startDevServer();
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-outbox-'));
    const { KCCP_CODEC_KEYS_FILE: _f, KCCP_CODEC_CURRENT_KEY: _c, ...inherited } = process.env;
    worker = await startWorkerProcess({
      env: {
        ...inherited,
        ...KEYS_ENV,
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: env.namespace ?? 'default',
        HEALTH_PORT: 'off',
        KCCP_EVALUATION_SCHEDULE: 'off',
        MAIL_OUTBOX_DIR: outbox,
        KCCP_REPORTS_DIR: outbox,
      },
    });
  }, 150_000);

  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it('says which key encrypts, by id and source only', () => {
    // Plain text or a JSON log line, whichever format the worker logs in.
    expect(worker!.output()).toMatch(
      /Payload codec: AES-256-GCM, current key \\?"main-key\\?" \(from KCCP_CODEC_KEYS\)/,
    );
    expect(worker!.output()).not.toContain(KEY);
  });

  it('encrypts what it writes to the history (update results, activity inputs and results) under the configured key', async () => {
    const client = new Client({
      connection: env.connection,
      namespace: env.namespace ?? 'default',
      dataConverter: encryptingDataConverter(keyRingFromEnv(KEYS_ENV)!.ring),
    });
    // Scrutiny is open now: the worker answers the decision and runs activities, writing their payloads.
    const handle = await startCourse(client, compressedCourse('SEC-MAIN-001', Date.now() - 1.5 * DAY, DAY));
    await record(handle, 'scrutiny', decision('scrutiny', { result: 'pass', reasons: ['ok'] }));
    const history = await waitFor(
      async () => {
        const h = await handle.fetchHistory();
        return h.events?.some((e) => e.workflowExecutionUpdateCompletedEventAttributes) ? h : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'the update completed in the history' },
    );
    const fromWorker = payloadsIn(
      history.events!.filter(
        (e) =>
          e.workflowExecutionUpdateCompletedEventAttributes ||
          e.activityTaskScheduledEventAttributes ||
          e.activityTaskCompletedEventAttributes,
      ),
    );
    expect(fromWorker.length).toBeGreaterThan(0);
    expect(new Set(fromWorker.map((p) => `${p.encoding} ${p.keyId}`))).toEqual(new Set(['binary/encrypted main-key']));
    await handle.terminate('test done');
  });
});
