import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ENCODING_ENCRYPTED, EncryptionCodec, METADATA_KEY_ID, PayloadDecryptionError } from '../../security/codec';
import { payloadProtection } from '../../security';
import {
  CodecConfigError,
  devKeyRing,
  keyRing,
  keyRingFromEnv,
  readKeyFile,
  resolveKeyRing,
} from '../../security/keys';
import { nominee } from '../fixtures/courses';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
const ringA = keyRing('kccp-a', [['kccp-a', KEY_A]], 'test');
const ringBA = keyRing(
  'kccp-b',
  [
    ['kccp-a', KEY_A],
    ['kccp-b', KEY_B],
  ],
  'test',
);
const ringB = keyRing('kccp-b', [['kccp-b', KEY_B]], 'test');

const nomination = { country: 'KE', nominees: [nominee('Amina Otieno')] };
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const metadataText = (payload: Payload, key: string) => Buffer.from(payload.metadata![key]!).toString('utf8');

describe('the payload codec (AES-256-GCM)', () => {
  it('encrypts under the current key, names the key in metadata, and decrypts back to the same value', async () => {
    const codec = new EncryptionCodec(ringA);
    const [encrypted] = await codec.encode([toPayload(nomination)]);
    expect(metadataText(encrypted!, 'encoding')).toBe(ENCODING_ENCRYPTED);
    expect(metadataText(encrypted!, METADATA_KEY_ID)).toBe('kccp-a');
    const wire = Buffer.from(encrypted!.data!).toString('latin1') + JSON.stringify(encrypted!.metadata);
    expect(wire).not.toContain('Amina');
    expect(wire).not.toContain('json/plain');
    const [decoded] = await codec.decode([encrypted!]);
    expect(fromPayload(decoded!)).toEqual(nomination);
  });

  it('uses a fresh IV for each payload: the same value never encrypts the same way twice', async () => {
    const codec = new EncryptionCodec(ringA);
    const [one, two] = await codec.encode([toPayload(nomination), toPayload(nomination)]);
    expect(Buffer.from(one!.data!).equals(Buffer.from(two!.data!))).toBe(false);
  });

  it('detects tampering: one flipped bit in the ciphertext or the auth tag fails authentication', async () => {
    const codec = new EncryptionCodec(ringA);
    const [encrypted] = await codec.encode([toPayload(nomination)]);
    for (const at of [20, encrypted!.data!.length - 1]) {
      const data = Buffer.from(encrypted!.data!);
      data[at] = data[at]! ^ 1;
      await expect(codec.decode([{ ...encrypted!, data }])).rejects.toThrow(/key "kccp-a" failed authentication/);
    }
  });

  it('binds the key id: a payload relabelled with another known key id is refused', async () => {
    const [encrypted] = await new EncryptionCodec(ringA).encode([toPayload(nomination)]);
    const relabelled = {
      ...encrypted!,
      metadata: { ...encrypted!.metadata, [METADATA_KEY_ID]: Buffer.from('kccp-b') },
    };
    await expect(new EncryptionCodec(ringBA).decode([relabelled])).rejects.toThrow(PayloadDecryptionError);
  });

  it('rotates: a ring with current key B and retired key A reads A payloads and writes B ones', async () => {
    const [underA] = await new EncryptionCodec(ringA).encode([toPayload(nomination)]);
    const rotated = new EncryptionCodec(ringBA);
    expect(fromPayload((await rotated.decode([underA!]))[0]!)).toEqual(nomination);
    const [underB] = await rotated.encode([toPayload(nomination)]);
    expect(metadataText(underB!, METADATA_KEY_ID)).toBe('kccp-b');
  });

  it('refuses a payload under a key the ring does not hold, naming the key id and never a key', async () => {
    const [underA] = await new EncryptionCodec(ringA).encode([toPayload(nomination)]);
    const error = await new EncryptionCodec(ringB).decode([underA!]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect((error as Error).message).toMatch(/key "kccp-a", an unknown key id for this key ring/);
    // Neither a key nor the ids the ring holds: the message may reach whoever sent the payload.
    for (const secret of [KEY_A, KEY_B, 'kccp-b']) expect((error as Error).message).not.toContain(secret);
  });

  it.each([
    [
      'a plaintext decision (json/plain), as someone with Temporal access but no key would send it',
      toPayload(nomination),
    ],
    ['a null payload (binary/null)', toPayload(undefined)],
    ['a payload with no encoding at all', { metadata: {}, data: Buffer.from('{"result":"pass"}') }],
  ])('refuses %s, naming the rule', async (_label, plain) => {
    const error = await new EncryptionCodec(ringA).decode([plain]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect(error).toMatchObject({ reason: 'unencrypted' });
    expect((error as Error).message).toMatch(
      /^refused an unencrypted payload: with a codec key ring configured, every payload must be encrypted/,
    );
  });

  it('refuses a whole batch when one payload in it is plaintext, so nothing injected slips in beside real ones', async () => {
    const codec = new EncryptionCodec(ringA);
    const [genuine] = await codec.encode([toPayload(nomination)]);
    await expect(codec.decode([genuine!, toPayload({ result: 'pass' })])).rejects.toThrow(/unencrypted payload/);
  });

  it("the worker's codec hands on a refusal in place of each payload it refuses, and the genuine ones as they were", async () => {
    const codec = new EncryptionCodec(ringA, { standIn: true });
    const [genuine] = await codec.encode([toPayload(nomination)]);
    const tampered = { ...genuine!, data: Buffer.from(genuine!.data!).fill(0, 20, 24) };
    const stranger = { ...genuine!, metadata: { ...genuine!.metadata, [METADATA_KEY_ID]: Buffer.from('made-up') } };
    const decoded = (await codec.decode([genuine!, toPayload({ result: 'pass' }), tampered, stranger])).map((p) =>
      defaultPayloadConverter.fromPayload(p),
    );
    expect(decoded).toEqual([
      nomination,
      { refusedPayload: expect.stringMatching(/^refused an unencrypted payload/) },
      { refusedPayload: 'refused an encrypted payload: tampered' },
      { refusedPayload: 'refused an encrypted payload: unknown key' },
    ]);
  });
});

describe('the key ring', () => {
  const noKeys = {};

  it('reads KCCP_CODEC_KEYS and KCCP_CODEC_CURRENT_KEY', () => {
    const { ring } = keyRingFromEnv({
      KCCP_CODEC_KEYS: `kccp-a:${KEY_A}, kccp-b:${KEY_B}`,
      KCCP_CODEC_CURRENT_KEY: 'kccp-b',
    })!;
    expect(ring.current).toBe('kccp-b');
    expect([...ring.keys.keys()]).toEqual(['kccp-a', 'kccp-b']);
  });

  it('reads a key file: {current, keys: {id: base64}}', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-keys-'));
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, JSON.stringify({ current: 'kccp-a', keys: { 'kccp-a': KEY_A, 'kccp-b': KEY_B } }));
    expect(keyRingFromEnv({ KCCP_CODEC_KEYS_FILE: file })!.ring.current).toBe('kccp-a');
    fs.rmSync(dir, { recursive: true });
  });

  it.each([
    [{ KCCP_CODEC_KEYS: `a:${KEY_A},b:${KEY_B}` }, /KCCP_CODEC_CURRENT_KEY: say which of a, b/],
    [
      { KCCP_CODEC_KEYS: `a:${KEY_A}`, KCCP_CODEC_CURRENT_KEY: 'z' },
      /KCCP_CODEC_CURRENT_KEY: current key "z" is not among the keys \(a\)/,
    ],
    [{ KCCP_CODEC_KEYS: 'a:c2hvcnQ=' }, /KCCP_CODEC_KEYS: key "a" is not 32 bytes of base64/],
    [{ KCCP_CODEC_KEYS: KEY_A }, /KCCP_CODEC_KEYS: expected "id:base64" entries/],
    [
      { KCCP_CODEC_KEYS: `a:${KEY_A}`, KCCP_CODEC_KEYS_FILE: '/etc/k.json' },
      /KCCP_CODEC_KEYS_FILE and KCCP_CODEC_KEYS are both set/,
    ],
    [
      { KCCP_CODEC_KEYS_FILE: '/nonexistent/kccp-keys.json' },
      /KCCP_CODEC_KEYS_FILE \(\/nonexistent\/kccp-keys.json\): cannot read the key file: ENOENT/,
    ],
    [{ KCCP_CODEC_CURRENT_KEY: 'a' }, /KCCP_CODEC_CURRENT_KEY is set but KCCP_CODEC_KEYS is not/],
  ])('fails naming the variable when misconfigured: %j', (env, message) => {
    expect(() => keyRingFromEnv(env)).toThrow(message);
  });

  it('never quotes key material in a configuration error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-keys-'));
    const file = path.join(dir, 'keys.json');
    fs.writeFileSync(file, `{"current": "a", "keys": {"a": "${KEY_A}",}}`);
    expect(() => readKeyFile(file)).toThrow(CodecConfigError);
    expect(() => readKeyFile(file)).not.toThrow(KEY_A);
    fs.rmSync(dir, { recursive: true });
  });

  describe('with no keys configured', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-devkey-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('refuses a shared cluster, naming the variables, rather than send nominee data in clear', () => {
      const target = { address: 'kccp.a1b2c.tmprl.cloud:7233', plainLoopback: false };
      expect(() => resolveKeyRing(target, noKeys, path.join(dir, 'k.json'))).toThrow(
        /set KCCP_CODEC_KEYS_FILE or KCCP_CODEC_KEYS .* to reach kccp.a1b2c.tmprl.cloud:7233/,
      );
    });

    it('gives a local server a development key generated once, 0600, and reused', () => {
      const file = path.join(dir, 'keys', 'codec-keys.json');
      const first = resolveKeyRing({ address: 'localhost:7233', plainLoopback: true }, noKeys, file);
      expect(first.generated).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const again = devKeyRing(file);
      expect(again.generated).toBeUndefined();
      expect(again.ring.keys.get(again.ring.current)).toEqual(first.ring.keys.get(first.ring.current));
    });

    it('encrypts for a local server on any port too (npm start against a second dev server), with the same key', () => {
      const file = path.join(dir, 'k.json');
      const onDefault = resolveKeyRing({ address: 'localhost:7233', plainLoopback: true }, noKeys, file);
      const target = { address: '127.0.0.1:45678', plainLoopback: true };
      const onOther = resolveKeyRing(target, noKeys, file);
      expect(onOther.ring.current).toBe(onDefault.ring.current);
      expect(onOther.ring.keys.get(onOther.ring.current)).toEqual(onDefault.ring.keys.get(onDefault.ring.current));
      const { description, dataConverter } = payloadProtection(target, noKeys, file);
      expect(description).toMatch(/^AES-256-GCM, current key "dev-\d{4}-\d{2}-\d{2}" \(from development key file /);
      expect(dataConverter.payloadCodecs).toHaveLength(1);
    });
  });

  it('describes the ring for logs by key ids and source only', () => {
    const env = { KCCP_CODEC_KEYS: `kccp-a:${KEY_A},kccp-b:${KEY_B}`, KCCP_CODEC_CURRENT_KEY: 'kccp-b' };
    const { description, dataConverter } = payloadProtection(
      { address: 'kccp.example:7233', plainLoopback: false },
      env,
    );
    expect(description).toBe('AES-256-GCM, current key "kccp-b", also decrypts "kccp-a" (from KCCP_CODEC_KEYS)');
    expect(dataConverter?.payloadCodecs).toHaveLength(1);
  });
});
