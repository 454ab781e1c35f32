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

/**
 * With a file, every decision must be signed by a key in it; without one, the
 * worker says so at start and decisions are accepted unsigned (local use).
 * The file is read on every call, so an edited roster applies when courses reload it.
 */
export function createStaffKeyActivities(file: string | undefined): { loadStaffKeys(): Promise<StaffKeys> } {
  return {
    async loadStaffKeys() {
      return file ? loadStaffKeysFile(file) : { enforce: false, keys: [] };
    },
  };
}

export function staffKeysFileFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.KCCP_STAFF_KEYS_FILE?.trim() || undefined;
}

/** The start-up line about decision signing; reads the file once so a broken one fails before the worker starts. */
export function describeStaffKeys(env: NodeJS.ProcessEnv = process.env): string {
  const file = staffKeysFileFromEnv(env);
  if (!file)
    return 'Staff keys: KCCP_STAFF_KEYS_FILE is not set, so decisions are accepted UNSIGNED (local use only; set it in production).';
  const { keys } = loadStaffKeysFile(file);
  return `Staff keys: ${keys.length} from ${file}; every decision must be signed by one of them.`;
}
