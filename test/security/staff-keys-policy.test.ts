import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ALLOW_UNSIGNED_VALUE,
  ALLOW_UNSIGNED_VARIABLE,
  announceStaffKeys,
  staffKeysPolicy,
  StaffKeysRequiredError,
} from '../../platform/staff-keys';
import { createStaffKeyActivities } from '../../activities/staff-keys';
import { bytesToBase64, generateStaffKeyPair } from '../../domain/staff';

const SHARED = 'temporal.jica.example:7233';

function recordingLog() {
  const lines: { level: 'log' | 'warn'; text: string }[] = [];
  return {
    lines,
    log: (text: string) => lines.push({ level: 'log', text }),
    warn: (text: string) => lines.push({ level: 'warn', text }),
  };
}

function rosterFile(keyIds: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-roster-'));
  const file = path.join(dir, 'staff-keys.json');
  writeRoster(file, keyIds);
  return file;
}

function writeRoster(file: string, keyIds: string[]): void {
  const keys = keyIds.map((keyId) => ({
    keyId,
    actor: `${keyId}@jica.example`,
    role: 'operator',
    publicKey: bytesToBase64(generateStaffKeyPair().publicKey),
  }));
  fs.writeFileSync(file, JSON.stringify({ keys }));
}

describe('a worker without a staff roster', () => {
  it('refuses to start for a server that is not on this machine, naming the variable and the way out', () => {
    const attempt = () => staffKeysPolicy({}, false, SHARED);
    expect(attempt).toThrow(StaffKeysRequiredError);
    expect(attempt).toThrow(/^KCCP_STAFF_KEYS_FILE is not set: a worker of temporal\.jica\.example:7233/);
    expect(attempt).toThrow(`${ALLOW_UNSIGNED_VARIABLE}=${ALLOW_UNSIGNED_VALUE}`);
  });

  it('accepts unsigned decisions on a plain server on this machine, saying so in its start-up line', () => {
    const log = recordingLog();
    expect(announceStaffKeys({}, true, 'localhost:7233', log)).toEqual({ mode: 'unsigned', because: 'local server' });
    expect(log.lines).toEqual([
      { level: 'log', text: expect.stringContaining('accepted UNSIGNED (local server only') },
    ]);
  });

  it('starts for a shared server only with the exact opt-out, and warns loudly that anyone may record decisions', () => {
    const log = recordingLog();
    const env = { [ALLOW_UNSIGNED_VARIABLE]: ALLOW_UNSIGNED_VALUE };
    expect(announceStaffKeys(env, false, SHARED, log)).toEqual({ mode: 'unsigned', because: 'opt-out' });
    expect(log.lines).toEqual([
      { level: 'warn', text: expect.stringMatching(/^WARNING: .*UNSIGNED from anyone with access to temporal\.jica/) },
    ]);
  });

  it.each(['yes', 'true', '1', 'YES-I-UNDERSTAND'])('refuses an opt-out of "%s", even on this machine', (value) => {
    for (const local of [false, true]) {
      expect(() => staffKeysPolicy({ [ALLOW_UNSIGNED_VARIABLE]: value }, local, SHARED)).toThrow(
        `${ALLOW_UNSIGNED_VARIABLE} is "${value}": the only value that allows unsigned decisions is "${ALLOW_UNSIGNED_VALUE}"`,
      );
    }
  });

  it('gives courses no roster and no enforcement, as before', async () => {
    await expect(createStaffKeyActivities(undefined).loadStaffKeys()).resolves.toEqual({ enforce: false, keys: [] });
  });
});

describe('a worker with a staff roster', () => {
  it('requires signatures wherever it connects, and the roster file wins over the opt-out', () => {
    const file = rosterFile(['sato-2027', 'ito-2027']);
    for (const env of [
      { KCCP_STAFF_KEYS_FILE: file },
      { KCCP_STAFF_KEYS_FILE: file, [ALLOW_UNSIGNED_VARIABLE]: ALLOW_UNSIGNED_VALUE },
    ]) {
      const log = recordingLog();
      expect(announceStaffKeys(env, false, SHARED, log)).toEqual({ mode: 'signed', file });
      expect(log.lines).toEqual([
        { level: 'log', text: `Staff keys: 2 from ${file}; every decision must be signed by one of them.` },
      ]);
    }
  });

  it('refuses to start with a roster file it cannot read', () => {
    const missing = path.join(os.tmpdir(), 'kccp-no-such-dir', 'staff-keys.json');
    expect(() => announceStaffKeys({ KCCP_STAFF_KEYS_FILE: missing }, true, 'localhost:7233', recordingLog())).toThrow(
      `${missing}: cannot read staff keys`,
    );
  });

  it('reads the file on every load, so a revoked key is gone at the next reload', async () => {
    const file = rosterFile(['sato-2027', 'ito-2027']);
    const activities = createStaffKeyActivities(file);
    expect((await activities.loadStaffKeys()).keys.map((k) => k.keyId)).toEqual(['sato-2027', 'ito-2027']);
    writeRoster(file, ['ito-2027']);
    expect(await activities.loadStaffKeys()).toEqual({
      enforce: true,
      keys: [expect.objectContaining({ keyId: 'ito-2027' })],
    });
  });
});
