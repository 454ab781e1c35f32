import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStaffKeysFile } from '../../platform/staff-keys';
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
    const body = {
      kind: 'mofaDetermination',
      actor: 'mori@mofa.example',
      idempotencyKey: 'abcdefgh',
      cycle: 1,
      approved: true,
    };
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

  describe('v2 signatures bind course, cycle, kind, idempotency key and time', () => {
    const { privateKey, publicKey } = generateStaffKeyPair();
    const staff = {
      enforce: true,
      keys: [
        {
          keyId: 'sato',
          actor: 'sato@jica.example',
          role: 'course-officer' as const,
          publicKey: bytesToBase64(publicKey),
        },
        { keyId: 'ops', actor: 'ops@jica.example', role: 'operator' as const, publicKey: bytesToBase64(publicKey) },
      ],
    };
    const now = Date.parse('2027-12-10T03:00:00Z');
    const v2 = { version: 2 as const, now };
    const cancel = {
      kind: 'cycleCancellation',
      actor: 'sato@jica.example',
      idempotencyKey: 'cancel-0001',
      cycle: 1,
      reason: 'typhoon',
    };
    const signedCancel = signDecision('C-001', cancel, 'sato', privateKey, now);

    it('accepts a fresh signature for its own cycle', () => {
      expect(authorizeDecision(staff, 'C-001', signedCancel, v2)).toBeUndefined();
    });

    it.each([
      ['another cycle', { cycle: 2 }],
      ['another idempotency key', { idempotencyKey: 'cancel-0002' }],
      [
        'a later signing time',
        { signature: { ...signedCancel.signature, signedAt: new Date(now + 1000).toISOString() } },
      ],
    ])('refuses it moved to %s', (_label, change) => {
      expect(authorizeDecision(staff, 'C-001', { ...signedCancel, ...change }, v2)).toMatch(/does not match/);
    });

    it('refuses a signature older than the bound, or dated ahead of the clock', () => {
      expect(authorizeDecision(staff, 'C-001', signedCancel, { version: 2, now: now + 16 * 60_000 })).toMatch(
        /older than 15 minutes/,
      );
      expect(authorizeDecision(staff, 'C-001', signedCancel, { version: 2, now: now - 6 * 60_000 })).toMatch(
        /dated in the future/,
      );
    });

    it('refuses a v1 signature (no cycle, no time) under v2 rules, and v1 courses still take both', () => {
      const { cycle: _none, ...unbound } = cancel;
      const v1 = { ...unbound, signature: signedCancel.signature };
      // Re-sign the v1 way: no signedAt in the signature, so the v1 bytes are covered.
      const legacy = signDecision('C-001', cancel, 'sato', privateKey, now);
      expect(authorizeDecision(staff, 'C-001', v1, v2)).toMatch(/unauthorized/);
      expect(authorizeDecision(staff, 'C-001', legacy)).toBeUndefined();
      expect(() => signDecision('C-001', unbound, 'sato', privateKey)).toThrow(/names its cycle/);
    });

    it('lets the operator key re-send notices but not cancel a cycle', () => {
      const byOperator = signDecision('C-001', { ...cancel, actor: 'ops@jica.example' }, 'ops', privateKey, now);
      expect(authorizeDecision(staff, 'C-001', byOperator, v2)).toMatch(
        /role operator may not record a cycleCancellation/,
      );
      // Runs begun before record-integrity-v1 keep the roles they had.
      expect(authorizeDecision(staff, 'C-001', byOperator, { version: 1, now })).toBeUndefined();
    });
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
