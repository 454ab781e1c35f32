/**
 * The worker's staff-keys file (KCCP_STAFF_KEYS_FILE), edited by kccp. The
 * worker reads it whenever a course reloads its roster, so a half-written
 * file must never be visible: the new roster is checked with the worker's own
 * parser, written to a temporary file beside it and renamed over it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseStaffKeys, StaffKeysFileError } from '../platform/staff-keys';
import type { StaffKey } from '../domain/staff';
import { badInput, KccpError, refused } from './errors';

export interface Roster {
  /** The file as given, for messages. */
  file: string;
  /** Where it really is: a symlinked roster is edited in place, the link kept. */
  realPath: string;
  /** The bytes read, to notice another edit before ours lands. */
  text: string;
  /** Permission bits, kept on the new file (the roster is usually 0600 or 0640). */
  mode: number;
  keys: StaffKey[];
}

export function readRoster(file: string): Roster {
  let realPath: string;
  let text: string;
  let mode: number;
  try {
    realPath = fs.realpathSync(file);
    text = fs.readFileSync(realPath, 'utf8');
    mode = fs.statSync(realPath).mode & 0o7777;
  } catch (error) {
    throw badInput(`--keys-file ${file}: cannot read it (${(error as Error).message})`, [
      'Give the file the worker reads as KCCP_STAFF_KEYS_FILE; to start one, write {"keys": []} to it.',
    ]);
  }
  try {
    return { file, realPath, text, mode, keys: parseStaffKeys(text, file).keys };
  } catch (error) {
    if (error instanceof StaffKeysFileError) throw badInput(`${error.message}; nothing was changed`);
    throw error;
  }
}

/** The roster without `keyId`, and the entry removed; refuses an id the file does not list. */
export function withoutKey(roster: Roster, keyId: string): { keys: StaffKey[]; removed: StaffKey } {
  const removed = roster.keys.find((k) => k.keyId === keyId);
  if (!removed) {
    const listed = roster.keys.map((k) => k.keyId).join(', ') || 'none';
    throw badInput(`--key-id ${keyId}: no such key in ${roster.file} (keys listed: ${listed}); nothing was changed`);
  }
  return { keys: roster.keys.filter((k) => k !== removed), removed };
}

/** The roster with `entry` appended; refuses a key id or a public key the file already lists. */
export function withKey(roster: Roster, entry: StaffKey): StaffKey[] {
  const sameId = roster.keys.find((k) => k.keyId === entry.keyId);
  if (sameId)
    throw badInput(`keyId ${entry.keyId}: already in ${roster.file} (actor ${sameId.actor}); nothing was changed`);
  // One key pair under two ids would survive the revocation of one of them.
  const sameKey = roster.keys.find((k) => k.publicKey === entry.publicKey);
  if (sameKey)
    throw badInput(
      `publicKey: the same public key is already listed as ${sameKey.keyId} in ${roster.file}; nothing was changed`,
    );
  return [...roster.keys, entry];
}

/** Replaces the file with `keys`, all at once, keeping its mode; refuses if the file changed since it was read. */
export function writeRoster(roster: Roster, keys: StaffKey[]): void {
  const content = `${JSON.stringify({ keys }, null, 2)}\n`;
  parseStaffKeys(content, roster.file); // never write what the worker would refuse to start with
  const dir = path.dirname(roster.realPath);
  const temp = path.join(dir, `.${path.basename(roster.realPath)}.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    const fd = fs.openSync(temp, 'wx', roster.mode);
    try {
      fs.writeFileSync(fd, content);
      fs.fchmodSync(fd, roster.mode); // openSync's mode is narrowed by the umask
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.readFileSync(roster.realPath, 'utf8') !== roster.text)
      throw refused(`${roster.file} changed while kccp was editing it; nothing was written, run the command again`);
    fs.renameSync(temp, roster.realPath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error instanceof KccpError) throw error;
    throw refused(`cannot write ${roster.file}: ${(error as Error).message}; nothing was changed`);
  }
  syncDirectory(dir);
}

/** The rename itself survives a crash only once the directory is flushed; not every platform allows it. */
function syncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort: the new file is already in place.
  }
}
