/**
 * Staff roles, which decisions each may record, and the Ed25519 signatures
 * that prove a decision came from a staff member holding that role. The
 * workflow verifies every decision against the public keys the worker loads
 * from its own configuration, so someone who merely has Temporal access cannot
 * record a decision that is not theirs.
 */
import { ed25519 } from '@noble/curves/ed25519';
import { z } from 'zod';
import { DECISIONS, DECISION_KINDS, type DecisionKind } from './decisions';
import { lazily } from './lazy';

/** The offices of the program's staff; reminders go to the same offices. */
export const STAFF_ROLES = [
  'course-officer',
  'scrutiny-secretariat',
  'survey-desk',
  'mofa-liaison',
  'operator',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Which decisions each role may sign: each decision module names its roles (domain/decisions/). */
export const ROLE_DECISIONS: Readonly<Record<StaffRole, readonly DecisionKind[]>> = rolesOfRegistry();

function rolesOfRegistry(): Record<StaffRole, DecisionKind[]> {
  const table = Object.fromEntries(STAFF_ROLES.map((role) => [role, [] as DecisionKind[]]));
  for (const kind of DECISION_KINDS) for (const role of DECISIONS[kind].roles) table[role]!.push(kind);
  return table as Record<StaffRole, DecisionKind[]>;
}

/** The roles of courses whose run began before record-integrity-v1 (replay of those runs must not change). */
const ROLE_DECISIONS_V1: Readonly<Record<StaffRole, readonly DecisionKind[]>> = {
  ...ROLE_DECISIONS,
  'course-officer': ROLE_DECISIONS['course-officer'].filter((k) => k !== 'noticeResend'),
  operator: ['evaluation', 'cycleCancellation'],
};

export const keyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, '2–64 lower-case letters, digits or . _ -');
const base64Bytes = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
    .refine((s) => base64ToBytes(s).length === bytes, `${bytes} bytes in base64`);

// Built on first use (see lazy.ts): a course that is only waiting never needs them.
const decisionSignatureSchema = lazily(() =>
  z
    .object({
      keyId: keyIdSchema,
      value: base64Bytes(64),
      /** When the staff member signed (ISO-8601 with offset); bound into the signed bytes since v2. */
      signedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .strict(),
);
export type DecisionSignature = z.output<ReturnType<typeof decisionSignatureSchema>>;

/** The public half of a staff key, as the worker's staff-keys file lists it. */
const staffKeySchema = lazily(() =>
  z
    .object({
      keyId: keyIdSchema,
      /** The staff member the key belongs to: decisions signed with it must name them as actor. */
      actor: z.string().trim().min(1).max(120),
      role: z.enum(STAFF_ROLES),
      publicKey: base64Bytes(32),
    })
    .strict(),
);
export type StaffKey = z.output<ReturnType<typeof staffKeySchema>>;

export const staffKeysFileSchema = lazily(() => z.object({ keys: z.array(staffKeySchema()).max(1000) }).strict());

/** What the worker tells a course: whether decisions must be signed, and by whom. */
export interface StaffKeys {
  enforce: boolean;
  keys: StaffKey[];
}

/** JSON with sorted keys and no spaces: the same object always gives the same bytes to sign. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * How long a signature stays good, by workflow time: long enough for a signal
 * to wait behind a busy worker, short enough that a decision copied from a
 * history cannot be sent again later. A clock ahead by more than the skew is refused too.
 */
export const SIGNATURE_MAX_AGE_MS = 15 * 60_000;
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

/**
 * Bytes a decision's signature covers. v1 (runs begun before record-integrity-v1): the course and
 * the body. v2: the course, cycle, kind, idempotency key and signing time named in a header, then
 * the body, so a signature cannot be moved to another course, cycle, kind, key or moment.
 */
export function signedBytes(courseCode: string, decision: Record<string, unknown>): Uint8Array {
  const { signature, ...body } = decision;
  const signedAt = (signature as { signedAt?: unknown } | undefined)?.signedAt;
  if (typeof signedAt !== 'string') {
    return new TextEncoder().encode(`kccp-decision-v1\n${courseCode}\n${canonicalJson(body)}`);
  }
  const header = [courseCode, String(body.cycle), String(body.kind), String(body.idempotencyKey), signedAt];
  return new TextEncoder().encode(`kccp-decision-v2\n${header.join('\n')}\n${canonicalJson(body)}`);
}

/** Signs for one cycle at one moment (v2). `signedAt` defaults to now; tests on a skipped clock pass theirs. */
export function signDecision<T extends Record<string, unknown>>(
  courseCode: string,
  decision: T,
  keyId: string,
  privateKey: Uint8Array,
  signedAt: number = Date.now(),
): T & { signature: DecisionSignature } {
  if (decision.cycle === undefined) {
    throw new Error(`a signed ${String(decision.kind)} decision names its cycle: the signature binds it`);
  }
  const at = new Date(signedAt).toISOString();
  const value = bytesToBase64(
    ed25519.sign(signedBytes(courseCode, { ...decision, signature: { signedAt: at } }), privateKey),
  );
  return { ...decision, signature: { keyId, value, signedAt: at } };
}

export function generateStaffKeyPair(): { privateKey: Uint8Array; publicKey: Uint8Array } {
  const privateKey = ed25519.utils.randomPrivateKey();
  return { privateKey, publicKey: ed25519.getPublicKey(privateKey) };
}

export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(privateKey);
}

/**
 * v1: the rules of runs begun before record-integrity-v1, kept so their histories replay.
 * v2: signatures must bind cycle and time (see signedBytes) and be fresh at `now`.
 */
export interface AuthorizationRules {
  version: 1 | 2;
  /** Workflow time, for the signature's age (v2). */
  now: number;
}

/** The signature's key id when it names one, so a course can reload its roster for a key it does not know. */
export function signingKeyIdOf(decision: Record<string, unknown>): string | undefined {
  const keyId = (decision.signature as { keyId?: unknown } | undefined)?.keyId;
  return typeof keyId === 'string' && keyId.length <= 64 ? keyId : undefined;
}

/**
 * Checks who may record this decision for this course. Returns undefined when
 * it may, or the reason it may not, in words staff can act on.
 */
export function authorizeDecision(
  staff: StaffKeys,
  courseCode: string,
  decision: Record<string, unknown>,
  rules: AuthorizationRules = { version: 1, now: 0 },
): string | undefined {
  if (!staff.enforce) return undefined;
  const parsed = decisionSignatureSchema().safeParse(decision.signature);
  if (!parsed.success)
    return 'unauthorized: the decision carries no valid signature (signature.keyId and signature.value are required)';
  const key = staff.keys.find((k) => k.keyId === parsed.data.keyId);
  if (!key) return `unauthorized: signing key ${parsed.data.keyId} is not on the staff roster`;
  if (rules.version === 2) {
    const stale = signatureTimeProblem(parsed.data.signedAt, decision.cycle, rules.now);
    if (stale) return stale;
  }
  let valid: boolean;
  try {
    valid = ed25519.verify(
      base64ToBytes(parsed.data.value),
      signedBytes(courseCode, decision),
      base64ToBytes(key.publicKey),
    );
  } catch {
    valid = false;
  }
  if (!valid)
    return `unauthorized: the signature by ${key.keyId} does not match this decision for course ${courseCode}`;
  const kind = decision.kind as DecisionKind;
  const allowed = (rules.version === 2 ? ROLE_DECISIONS : ROLE_DECISIONS_V1)[key.role];
  if (!allowed.includes(kind)) {
    return `unauthorized: role ${key.role} may not record a ${kind} decision (allowed: ${allowed.join(', ')})`;
  }
  if (decision.actor !== key.actor)
    return `unauthorized: actor "${String(decision.actor)}" is not the owner of key ${key.keyId} (${key.actor})`;
  return undefined;
}

function signatureTimeProblem(signedAt: string | undefined, cycle: unknown, now: number): string | undefined {
  if (signedAt === undefined || cycle === undefined) {
    return 'unauthorized: the signature must bind the cycle and the signing time (signature.signedAt and cycle are required; sign with a current kccp)';
  }
  const at = Date.parse(signedAt);
  if (now - at > SIGNATURE_MAX_AGE_MS) {
    return `unauthorized: the signature is older than ${SIGNATURE_MAX_AGE_MS / 60_000} minutes (signed at ${signedAt}); sign the decision again`;
  }
  if (at - now > SIGNATURE_MAX_SKEW_MS) {
    return `unauthorized: the signature is dated in the future (signed at ${signedAt}); check the signer's clock`;
  }
  return undefined;
}

// Base64 by hand: the workflow sandbox has neither Buffer nor a guaranteed atob.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let j = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return new Uint8Array(0);
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (value >> bits) & 255;
    }
  }
  return out.slice(0, j);
}
