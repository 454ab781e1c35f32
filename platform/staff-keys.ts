/**
 * The staff keys the worker is configured with. The workflow loads them
 * through an activity, so the roster comes from the worker's own files and
 * never from whoever starts or signals a workflow.
 */
import { readFileSync } from 'node:fs';
import { staffKeysFileSchema } from '../domain/staff';
import type { StaffKeys } from '../domain/staff';

export class StaffKeysFileError extends Error {
  override name = 'StaffKeysFileError';
}

/** Reads and checks a staff-keys file; errors name the file, the key's row and the field. */
export function loadStaffKeysFile(file: string): StaffKeys {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StaffKeysFileError(
      `${file}: cannot read staff keys (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseStaffKeys(text, file);
}

/** The checks of {@link loadStaffKeysFile} on text already read (kccp checks what it is about to write). */
export function parseStaffKeys(text: string, file: string): StaffKeys {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // Not the parser's message, which quotes a stretch of the file.
    throw new StaffKeysFileError(`${file}: cannot read staff keys (not valid JSON; expected {"keys": [...]})`);
  }
  const parsed = staffKeysFileSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [, row, ...field] = issue.path;
    const where =
      typeof row === 'number'
        ? `key ${row + 1}${field.length ? `, field ${field.join('.')}` : ''}`
        : issue.path.join('.') || '(file)';
    throw new StaffKeysFileError(`${file}: ${where}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const [i, key] of parsed.data.keys.entries()) {
    if (ids.has(key.keyId))
      throw new StaffKeysFileError(`${file}: key ${i + 1}, field keyId: ${key.keyId} is listed twice`);
    ids.add(key.keyId);
  }
  return { enforce: true, keys: parsed.data.keys };
}

export function staffKeysFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.KCCP_STAFF_KEYS_FILE?.trim() || undefined;
}

/** The opt-out for a worker of a shared server that is meant to take unsigned decisions. */
export const ALLOW_UNSIGNED_VARIABLE = 'KCCP_ALLOW_UNSIGNED_DECISIONS';
export const ALLOW_UNSIGNED_VALUE = 'yes-i-understand';

export class StaffKeysRequiredError extends Error {
  override name = 'StaffKeysRequiredError';
}

export type StaffKeysPolicy =
  { mode: 'signed'; file: string } | { mode: 'unsigned'; because: 'local server' | 'opt-out' };

/**
 * Whether this worker may start, and how it treats decisions. Without a
 * roster anyone with Temporal access records any decision, which is tolerable
 * only on a server on this machine; elsewhere the operator must say so in
 * words that cannot be set by accident.
 */
export function staffKeysPolicy(env: NodeJS.ProcessEnv, localServer: boolean, address: string): StaffKeysPolicy {
  const file = staffKeysFileFromEnv(env);
  if (file) return { mode: 'signed', file };
  const optOut = env[ALLOW_UNSIGNED_VARIABLE]?.trim();
  if (optOut === ALLOW_UNSIGNED_VALUE) return { mode: 'unsigned', because: 'opt-out' };
  if (optOut)
    throw new StaffKeysRequiredError(
      `${ALLOW_UNSIGNED_VARIABLE} is "${optOut}": the only value that allows unsigned decisions is "${ALLOW_UNSIGNED_VALUE}"`,
    );
  if (localServer) return { mode: 'unsigned', because: 'local server' };
  throw new StaffKeysRequiredError(
    `KCCP_STAFF_KEYS_FILE is not set: a worker of ${address} (not a plain server on this machine) requires signed decisions. ` +
      'Set KCCP_STAFF_KEYS_FILE to the staff keys file (JSON {"keys": [...]}, see `kccp staff-key new`), ' +
      `or, to accept unsigned decisions from anyone with access to this server, ${ALLOW_UNSIGNED_VARIABLE}=${ALLOW_UNSIGNED_VALUE}.`,
  );
}

type StartLog = Pick<Console, 'log' | 'warn'>;

/**
 * Logs how decisions are checked, or throws before the worker starts: a
 * missing roster where one is required, or a broken file (read once here).
 */
export function announceStaffKeys(
  env: NodeJS.ProcessEnv,
  localServer: boolean,
  address: string,
  log: StartLog = console,
): StaffKeysPolicy {
  const policy = staffKeysPolicy(env, localServer, address);
  if (policy.mode === 'signed') {
    const { keys } = loadStaffKeysFile(policy.file);
    log.log(`Staff keys: ${keys.length} from ${policy.file}; every decision must be signed by one of them.`);
  } else if (policy.because === 'local server') {
    log.log(
      'Staff keys: KCCP_STAFF_KEYS_FILE is not set, so decisions are accepted UNSIGNED (local server only; set it in production).',
    );
  } else {
    // Loud on purpose: an operator reading the log must not miss that anyone may record decisions.
    log.warn(
      `WARNING: ${ALLOW_UNSIGNED_VARIABLE}=${ALLOW_UNSIGNED_VALUE} and no KCCP_STAFF_KEYS_FILE: decisions are accepted UNSIGNED ` +
        `from anyone with access to ${address}. Set KCCP_STAFF_KEYS_FILE to require signed decisions.`,
    );
  }
  return policy;
}
