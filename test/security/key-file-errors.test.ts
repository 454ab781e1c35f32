/**
 * A malformed key file must not leak the key through its error: Node's
 * JSON.parse quotes a stretch of its input, and for a private key file that
 * stretch is the key. Each reader names the file and the rule instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadStaffKeysFile } from '../../platform/staff-keys';
import { loadSigningKey } from '../../client/signing';
import { bytesToBase64, generateStaffKeyPair } from '../../domain/staff';
import { readKeyFile } from '../../security/keys';
import { kccp } from '../client/run-kccp';

const { privateKey, publicKey } = generateStaffKeyPair();
const PRIVATE = bytesToBase64(privateKey);
const PUBLIC = bytesToBase64(publicKey);
const CODEC_KEY = Buffer.alloc(32, 0x6b).toString('base64');

/** Every 8-character stretch of `secret`: none may appear in what a person is shown. */
const fragments = (secret: string) => Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
const expectNoFragmentOf = (secret: string, text: string) => {
  for (const fragment of fragments(secret)) expect(text).not.toContain(fragment);
};

let dir: string;
const file = (name: string, content: string) => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, content, { mode: 0o600 });
  return at;
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-keyfiles-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The mistakes people make: the bare key saved alone, a value left unquoted, a file cut short.
const malformed = (secret: string, field: string) => ({
  'the bare key': secret,
  'an unquoted value': `{"keyId": "sato-2027", "${field}": ${secret}}`,
  'a file cut short': `{"keyId": "sato-2027", "${field}": "${secret}`,
});

describe('errors for malformed key files name the file and the rule, never the key', () => {
  it.each(Object.entries(malformed(PRIVATE, 'privateKey')))('a signing key file holding %s', (_label, content) => {
    const at = file('signing.key.json', content);
    let message = '';
    try {
      loadSigningKey(at);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `${at} is not a signing key: not valid JSON; expected {"keyId", "actor", "role", "privateKey"} as \`kccp staff-key new\` writes it`,
    );
    expectNoFragmentOf(PRIVATE, message);
  });

  it('kccp --signing-key and KCCP_SIGNING_KEY_FILE on a bare key: exit 2, the file named, nothing of the key printed', async () => {
    const at = file('bare.key.json', PRIVATE);
    for (const run of [
      await kccp('127.0.0.1:1', ['--signing-key', at, 'status', 'KCCP-NONE-01']),
      await kccp('127.0.0.1:1', ['status', 'KCCP-NONE-01'], { KCCP_SIGNING_KEY_FILE: at }),
    ]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${at} is not a signing key: not valid JSON`);
      expectNoFragmentOf(PRIVATE, run.stdout + run.stderr);
    }
  });

  it.each(Object.entries(malformed(PUBLIC, 'publicKey')))('a staff-keys file holding %s', (_label, content) => {
    const at = file('staff-keys.json', content);
    expect(() => loadStaffKeysFile(at)).toThrow(
      `${at}: cannot read staff keys (not valid JSON; expected {"keys": [...]})`,
    );
    try {
      loadStaffKeysFile(at);
    } catch (error) {
      expectNoFragmentOf(PUBLIC, (error as Error).message);
    }
  });

  it.each(Object.entries(malformed(CODEC_KEY, 'kccp-a')))('a codec key file holding %s', (_label, content) => {
    const at = file('codec-keys.json', content);
    let message = '';
    try {
      readKeyFile(at);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^KCCP_CODEC_KEYS_FILE \(.*codec-keys\.json\): not valid JSON/);
    expectNoFragmentOf(CODEC_KEY, message);
  });
});
