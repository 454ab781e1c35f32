/**
 * Staff signatures (domain/staff.ts). With a signing key — `--signing-key
 * <file>` or KCCP_SIGNING_KEY_FILE — every decision kccp sends is signed with
 * it, and its owner is the actor unless --as/KCCP_ACTOR say otherwise (which
 * is refused: the workflow would reject the decision anyway).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  base64ToBytes,
  bytesToBase64,
  keyIdSchema,
  publicKeyOf,
  signDecision,
  STAFF_ROLES,
  type DecisionSignature,
} from '../domain/staff';
import { describeIssues } from '../domain/decisions';
import { badInput } from './errors';

/** The private half, kept by the staff member: `kccp staff-key new` writes it. */
export const signingKeyFileSchema = z
  .object({
    keyId: keyIdSchema,
    actor: z.string().trim().min(1).max(120),
    role: z.enum(STAFF_ROLES).optional(),
    privateKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, '32 bytes in base64'),
  })
  .strict();

export interface SigningKey {
  keyId: string;
  actor: string;
  privateKey: Uint8Array;
  publicKey: string;
}

let active: SigningKey | undefined;

export function loadSigningKey(path: string): SigningKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw badInput(
      `cannot read the signing key ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Never the parser's message: Node's quotes a stretch of the file, which holds the private key.
    throw badInput(
      `${path} is not a signing key: not valid JSON; expected {"keyId", "actor", "role", "privateKey"} as \`kccp staff-key new\` writes it`,
    );
  }
  const parsed = signingKeyFileSchema.safeParse(json);
  if (!parsed.success) throw badInput(`${path} is not a signing key: ${describeIssues(parsed.error)}`);
  const privateKey = base64ToBytes(parsed.data.privateKey);
  return {
    keyId: parsed.data.keyId,
    actor: parsed.data.actor,
    privateKey,
    publicKey: bytesToBase64(publicKeyOf(privateKey)),
  };
}

/** Called once per command, before its action: the key every decision of this run is signed with. */
export function useSigningKey(path: string | undefined): void {
  active = path ? loadSigningKey(path) : undefined;
}

export function activeSigningKey(): SigningKey | undefined {
  return active;
}

/** The decision as sent: signed over the course code and its canonical JSON when a key is in use. */
export function signed<T extends Record<string, unknown>>(
  courseCode: string,
  decision: T,
): T | (T & { signature: DecisionSignature }) {
  return active ? signDecision(courseCode, decision, active.keyId, active.privateKey) : decision;
}
