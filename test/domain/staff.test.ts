import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStaffKeysFile } from '../../activities/staff-keys';
import {
  authorizeDecision,
  base64ToBytes,
  bytesToBase64,
  canonicalJson,
  generateStaffKeyPair,
  signDecision,
} from '../../domain/staff';

describe('staff keys and signatures', () => {
  it('gives the same canonical JSON whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: 'é' } })).toBe(
      canonicalJson({ a: { c: 'é', d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('round-trips base64 exactly as Node does', () => {
    for (const n of [0, 1, 2, 3, 32, 64]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 73 + 5) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Buffer.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Buffer.from(bytes));
    }
  });

  it('lets anything through when the worker does not enforce signatures, and checks everything when it does', () => {
    const { privateKey, publicKey } = generateStaffKeyPair();
    const body = { kind: 'mofaDetermination', actor: 'mori@mofa.example', idempotencyKey: 'abcdefgh', approved: true };
    expect(authorizeDecision({ enforce: false, keys: [] }, 'C-001', body)).toBeUndefined();
    const staff = {
      enforce: true,
      keys: [
        {
          keyId: 'mori',
          actor: 'mori@mofa.example',
          role: 'mofa-liaison' as const,
          publicKey: bytesToBase64(publicKey),
        },
      ],
    };
    expect(authorizeDecision(staff, 'C-001', signDecision('C-001', body, 'mori', privateKey))).toBeUndefined();
    expect(authorizeDecision(staff, 'C-002', signDecision('C-001', body, 'mori', privateKey))).toMatch(
      /does not match this decision for course C-002/,
    );
  });

  it('names the file, the key and the field of a broken staff-keys file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kccp-keys-'));
    const file = join(dir, 'staff-keys.json');
    writeFileSync(
      file,
      JSON.stringify({
        keys: [
          { keyId: 'ok-key', actor: 'a', role: 'operator', publicKey: bytesToBase64(new Uint8Array(32)) },
          { keyId: 'bad', actor: 'b', role: 'chief', publicKey: 'AAAA' },
        ],
      }),
    );
    expect(() => loadStaffKeysFile(file)).toThrow(`${file}: key 2, field role`);
  });
});
