/**
 * The real kccp revoking a staff key on a dev server: the key leaves the
 * worker's file (atomically, mode kept) and every running course, and only
 * running ones, receives staffKeysChanged so it reloads its roster.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bytesToBase64, generateStaffKeyPair, type StaffKey, type StaffRole } from '../../domain/staff';
import { Client } from '@temporalio/client';
import { broadcastStaffKeysChanged, RUNNING_COURSES_QUERY } from '../../client/staff-broadcast';
import { compressedCourse, DAY } from '../fixtures/courses';
import { startCourse, type CourseHandle } from '../support/course-harness';
import { waitFor } from '../support/wait-for';
import { startHarness, type Harness } from './harness';
import { json, kccp } from './run-kccp';

const entry = (keyId: string, role: StaffRole): StaffKey => ({
  keyId,
  actor: `${keyId}@jica.example`,
  role,
  publicKey: bytesToBase64(generateStaffKeyPair().publicKey),
});

let h: Harness;
let dir: string;
let keysFile: string;
let running: CourseHandle[];
let ended: CourseHandle;

const keyIdsIn = (file: string) =>
  (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: StaffKey[] }).keys.map((k) => k.keyId);

/** How many staffKeysChanged signals the course's history holds, over all its runs so far. */
async function signalsReceived(handle: CourseHandle): Promise<number> {
  const history = await h.client.workflow.getHandle(handle.workflowId).fetchHistory();
  return (history.events ?? []).filter(
    (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'staffKeysChanged',
  ).length;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-revoke-'));
  keysFile = path.join(dir, 'staff-keys.json');
  fs.writeFileSync(
    keysFile,
    JSON.stringify({ keys: [entry('sato-2027', 'scrutiny-secretariat'), entry('ito-2027', 'survey-desk')] }),
    { mode: 0o600 },
  );
  h = await startHarness();
  // Windows a day apart from tomorrow: the courses wait in Scheduled for the whole suite.
  const start = Date.now() + DAY;
  running = await Promise.all(
    ['REVOKE-001', 'REVOKE-002', 'REVOKE-003'].map((code) => startCourse(h.client, compressedCourse(code, start, DAY))),
  );
  ended = await startCourse(h.client, compressedCourse('REVOKE-END', start, DAY));
  await ended.terminate('a course that is no longer running');
  // Visibility lags behind: kccp lists what it shows, so wait until it shows all of them.
  await waitFor(async () => (await h.client.workflow.count(RUNNING_COURSES_QUERY)).count === running.length, {
    timeoutMs: 30_000,
    intervalMs: 200,
    description: 'the running courses listed by visibility',
  });
}, 120_000);

afterAll(async () => {
  await h?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('kccp staff-key revoke', () => {
  it('removes the key from the file and signals staffKeysChanged to every running course, none other', async () => {
    const run = await kccp(h.address, [
      'staff-key',
      'revoke',
      '--keys-file',
      keysFile,
      '--key-id',
      'sato-2027',
      '--progress-every',
      '1',
      '--concurrency',
      '2',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({
      keysFile,
      revoked: { keyId: 'sato-2027', actor: 'sato-2027@jica.example', role: 'scrutiny-secretariat' },
      keysLeft: 1,
      broadcast: { query: RUNNING_COURSES_QUERY, told: 3, ended: [], failed: [] },
    });
    expect(run.stderr.trim().split('\n')).toEqual([
      'staffKeysChanged: 1 of ~3 courses, 0 failed',
      'staffKeysChanged: 2 of ~3 courses, 0 failed',
      'staffKeysChanged: 3 of ~3 courses, 0 failed',
    ]);

    expect(keyIdsIn(keysFile)).toEqual(['ito-2027']);
    expect(fs.statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['staff-keys.json']);

    expect(await Promise.all(running.map(signalsReceived))).toEqual([1, 1, 1]);
    expect(await signalsReceived(ended)).toBe(0);
  });

  it('refuses a key id the file does not list, naming it, and changes nothing', async () => {
    const before = fs.readFileSync(keysFile, 'utf8');
    const run = await kccp(h.address, ['staff-key', 'revoke', '--keys-file', keysFile, '--key-id', 'sato-2027']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `kccp: --key-id sato-2027: no such key in ${keysFile} (keys listed: ito-2027); nothing was changed\n`,
    );
    expect(fs.readFileSync(keysFile, 'utf8')).toBe(before);
    expect(await Promise.all(running.map(signalsReceived))).toEqual([1, 1, 1]);
  });

  it('refuses a file the worker would refuse, naming the key and the field, and changes nothing', async () => {
    const broken = path.join(dir, 'broken.json');
    const text = JSON.stringify({ keys: [{ ...entry('kato-2027', 'operator'), role: 'boss' }] });
    fs.writeFileSync(broken, text);
    const run = await kccp(h.address, ['staff-key', 'revoke', '--keys-file', broken, '--key-id', 'kato-2027']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^kccp: ${broken}: key 1, field role: .*; nothing was changed\\n$`));
    expect(fs.readFileSync(broken, 'utf8')).toBe(text);
    fs.rmSync(broken);
  });
});

describe('kccp staff-key add and reload', () => {
  it('adds the entry kccp staff-key new printed, and tells every running course again', async () => {
    const keyFile = path.join(dir, 'kato.key.json');
    const made = await kccp(h.address, [
      'staff-key',
      'new',
      '--key-id',
      'kato-2027',
      '--actor',
      'kato@jica.example',
      '--role',
      'mofa-liaison',
      '--out',
      keyFile,
      '--json',
    ]);
    expect(made.code).toBe(0);
    const { staffKey } = json<{ staffKey: StaffKey }>(made);

    const added = await kccp(h.address, [
      'staff-key',
      'add',
      '--keys-file',
      keysFile,
      '--entry',
      JSON.stringify(staffKey),
    ]);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toBe(
      `added kato-2027 (kato@jica.example, mofa-liaison) to ${keysFile}; 2 keys\n` +
        'staffKeysChanged sent to 3 running courses; 0 failed\n',
    );
    expect(keyIdsIn(keysFile)).toEqual(['ito-2027', 'kato-2027']);
    expect(await Promise.all(running.map(signalsReceived))).toEqual([2, 2, 2]);

    // One key pair under a second id would outlive the revocation of the first.
    const twin = await kccp(h.address, [
      'staff-key',
      'add',
      '--keys-file',
      keysFile,
      '--entry',
      JSON.stringify({ ...staffKey, keyId: 'kato-2027b' }),
    ]);
    expect(twin.code).toBe(2);
    expect(twin.stderr).toBe(
      `kccp: publicKey: the same public key is already listed as kato-2027 in ${keysFile}; nothing was changed\n`,
    );
    expect(keyIdsIn(keysFile)).toEqual(['ito-2027', 'kato-2027']);

    const again = await kccp(h.address, ['staff-key', 'add', '--keys-file', keysFile, '--entry-file', keyFile]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('the entry holds a privateKey');

    const reload = await kccp(h.address, ['staff-key', 'reload', '--json']);
    expect(reload.code).toBe(0);
    expect(json(reload)).toEqual({ query: RUNNING_COURSES_QUERY, told: 3, ended: [], failed: [] });
    expect(await Promise.all(running.map(signalsReceived))).toEqual([3, 3, 3]);
    expect(await signalsReceived(ended)).toBe(0);
    fs.rmSync(keyFile);
  });

  it('keeps the file changed and says how to retry when Temporal does not answer', async () => {
    const run = await kccp('127.0.0.1:1', ['staff-key', 'revoke', '--keys-file', keysFile, '--key-id', 'kato-2027']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^kccp: cannot reach Temporal at 127\.0\.0\.1:1/);
    expect(run.stderr).toContain(
      'kato-2027 is already removed from the file; run `kccp staff-key reload` once Temporal answers',
    );
    expect(keyIdsIn(keysFile)).toEqual(['ito-2027']);
  });
});

// Last: it ends one of the running courses.
describe('the broadcast, when single courses cannot be told', () => {
  it('tells the others, and reports the one that failed and the one that ended meanwhile', async () => {
    const [told, failing, ending] = running;
    // A real client whose signal to one course fails as an unreachable frontend would, and
    // another course ends after it was listed, just before its signal.
    const client = new Client({
      connection: h.env.connection,
      interceptors: {
        workflow: [
          {
            async signal(input, next) {
              if (input.workflowExecution.workflowId === failing!.workflowId) throw new Error('frontend unavailable');
              if (input.workflowExecution.workflowId === ending!.workflowId) await ending!.terminate('ended meanwhile');
              return next(input);
            },
          },
        ],
      },
    });
    const progress: number[] = [];
    const result = await broadcastStaffKeysChanged(client, {
      concurrency: 1,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(result).toEqual({
      query: RUNNING_COURSES_QUERY,
      told: [told!.workflowId],
      ended: [ending!.workflowId],
      failed: [{ workflowId: failing!.workflowId, error: 'frontend unavailable' }],
    });
    expect(progress).toEqual([1, 2, 3]);
    expect(await signalsReceived(told!)).toBe(4);
    expect(await signalsReceived(failing!)).toBe(3);
  });
});
