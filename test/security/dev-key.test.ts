/**
 * `npm start` with no keys configured, against a dev server on this machine
 * that is not on port 7233 (a second dev server, someone's own): the worker
 * and `kccp` still encrypt, with the development key, and read each other.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { courseWorkflowId } from '../../domain/reference';
import { encryptingDataConverter, METADATA_KEY_ID } from '../../security/codec';
import { DEV_KEY_FILE, devKeyRing } from '../../security/keys';
import { kccp } from '../client/run-kccp';
import { envWithoutCodecKeys } from '../support/codec-keys';
import { startDevServer } from '../support/temporal';
import { waitFor } from '../support/wait-for';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const CODE = 'SEC-DEVKEY-01';
const noKeys = { KCCP_CODEC_KEYS: '', KCCP_CODEC_KEYS_FILE: '', KCCP_CODEC_CURRENT_KEY: '' };

/** Encoding and key id of every payload in a history but search attributes, which Temporal indexes in clear. */
function payloadsIn(history: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    const metadata = (value as { metadata?: Record<string, Uint8Array> }).metadata;
    if (metadata?.encoding) {
      const keyId = metadata[METADATA_KEY_ID] ? Buffer.from(metadata[METADATA_KEY_ID]).toString() : '-';
      found.push(`${Buffer.from(metadata.encoding).toString()} ${keyId}`);
      return;
    }
    for (const [key, inner] of Object.entries(value)) if (key !== 'searchAttributes') walk(inner);
  };
  walk(history);
  return found;
}

describe('npm start and kccp with no keys, against a local dev server on another port', () => {
  let env: TestWorkflowEnvironment;
  let worker: WorkerProcess | undefined;
  let outbox: string;

  beforeAll(async () => {
    env = await startDevServer();
    expect(env.address).not.toMatch(/:7233$/);
    outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-outbox-'));
    worker = await startWorkerProcess({
      env: {
        ...envWithoutCodecKeys(),
        TEMPORAL_ADDRESS: env.address,
        TEMPORAL_NAMESPACE: 'default',
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

  it('encrypts with the development key, and kccp on the same machine reads what the worker wrote', async () => {
    const { ring } = devKeyRing(DEV_KEY_FILE);
    expect(worker!.output()).toMatch(
      /Payload codec: AES-256-GCM, current key \\?"dev-[\d-]+\\?" \(from development key file /,
    );

    const created = await kccp(
      env.address,
      ['course', 'create', '--code', CODE, '--title', 'Water Supply Management', '--subject', 'Water Resources'].concat(
        ['--region', 'Africa', '--countries', 'KE,TZ', '--host-centre', 'JICA Tokyo', '--demo-calendar', '60'],
      ),
      noKeys,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    // The worker runs the course's first steps; kccp asks it for the status, through the same ring.
    const status = await waitFor(
      async () => {
        const run = await kccp(env.address, ['--json', 'status', CODE], noKeys);
        return run.code === 0 && (JSON.parse(run.stdout) as { phase: string }).phase === 'Formulation'
          ? run
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: `${CODE} in Formulation, read by kccp` },
    );
    expect(JSON.parse(status.stdout)).toMatchObject({ code: CODE });

    // Nothing in the server's database is in clear: every payload is under the development key (patch markers are the SDK core's).
    const client = new Client({ connection: env.connection, dataConverter: encryptingDataConverter(ring) });
    const history = await client.workflow.getHandle(courseWorkflowId(CODE)).fetchHistory();
    const payloads = payloadsIn(history.events!.filter((e) => !e.markerRecordedEventAttributes));
    expect(payloads.length).toBeGreaterThan(2);
    expect(new Set(payloads)).toEqual(new Set([`binary/encrypted ${ring.current}`]));
  });
});
