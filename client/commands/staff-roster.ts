/**
 * `kccp staff-key add | revoke | reload`: the worker's staff roster, and the
 * signal that makes every running course reload it. Run them where the
 * worker's KCCP_STAFF_KEYS_FILE is (the worker host, or the shared file every
 * worker mounts); the signal reaches courses through Temporal from anywhere.
 */
import fs from 'node:fs';
import { type Command } from 'commander';
import { parseStaffKeys } from '../../platform/staff-keys';
import type { StaffKey } from '../../domain/staff';
import { globalOptions, withClient, type GlobalOptions } from '../context';
import { badInput, KccpError, refused } from '../errors';
import { parseInteger } from '../parsers';
import { print, printJson, warn } from '../output';
import { broadcastStaffKeysChanged, BroadcastListingError, type BroadcastResult } from '../staff-broadcast';
import { readRoster, withKey, withoutKey, writeRoster } from '../staff-roster';

interface BroadcastFlags {
  broadcast: boolean;
  concurrency: number;
  progressEvery: number;
}

interface RosterFlags extends BroadcastFlags {
  keysFile?: string;
}

const keysFileOf = (flags: RosterFlags): string => {
  const file = flags.keysFile ?? (process.env.KCCP_STAFF_KEYS_FILE?.trim() || undefined);
  if (!file) throw badInput('--keys-file is required (or set KCCP_STAFF_KEYS_FILE): the file the worker reads');
  return file;
};

function broadcastOptions(command: Command, withNoBroadcast: boolean): Command {
  if (withNoBroadcast)
    command.option('--no-broadcast', 'only edit the file; tell the courses later with `kccp staff-key reload`');
  return command
    .option('--concurrency <n>', 'signals in flight at once (1-64)', parseInteger, 8)
    .option('--progress-every <n>', 'a progress line on stderr every n courses (0: none)', parseInteger, 100);
}

/** Signals every running course and prints the tally; a course that could not be told is named, not fatal. */
async function tellRunningCourses(
  options: GlobalOptions,
  flags: BroadcastFlags,
  afterEdit: string | undefined,
): Promise<BroadcastResult> {
  if (!Number.isInteger(flags.concurrency) || flags.concurrency < 1 || flags.concurrency > 64)
    throw badInput(`--concurrency ${flags.concurrency}: a whole number from 1 to 64`);
  const every = flags.progressEvery;
  try {
    return await withClient(options, (client) =>
      broadcastStaffKeysChanged(client, {
        concurrency: flags.concurrency,
        onProgress: ({ done, failed, expected }) => {
          if (every > 0 && done % every === 0)
            warn(
              `staffKeysChanged: ${done}${expected !== undefined ? ` of ~${expected}` : ''} courses, ${failed} failed`,
            );
        },
      }),
    );
  } catch (error) {
    const retry = `${afterEdit ? `${afterEdit}; ` : ''}run \`kccp staff-key reload\` once Temporal answers`;
    if (error instanceof BroadcastListingError)
      throw refused(`${error.message}`, [`${error.partial.failed.length} failed; ${retry}`]);
    if (error instanceof KccpError) throw new KccpError(error.message, error.exitCode, [...error.details, retry]);
    throw refused(`${(error as Error).message}`, [retry]);
  }
}

function reportBroadcast(result: BroadcastResult, json: boolean | undefined): void {
  for (const f of result.failed) warn(`kccp: ${f.workflowId}: not told: ${f.error}`);
  if (!json) {
    const ended = result.ended.length ? `; ${result.ended.length} ended before it was told` : '';
    print(`staffKeysChanged sent to ${result.told.length} running courses; ${result.failed.length} failed${ended}`);
  }
  if (result.failed.length)
    throw refused(
      `${result.failed.length} of ${result.told.length + result.failed.length} courses were not told; run \`kccp staff-key reload\` to try again`,
    );
}

const broadcastJson = (r: BroadcastResult) => ({
  query: r.query,
  told: r.told.length,
  ended: r.ended,
  failed: r.failed,
});

/** The public entry, as `kccp staff-key new` prints it (plain or --json). */
function readEntry(flags: { entry?: string; entryFile?: string }): StaffKey {
  if ((flags.entry === undefined) === (flags.entryFile === undefined))
    throw badInput('give the public entry with exactly one of --entry or --entry-file');
  let text = flags.entry;
  if (flags.entryFile !== undefined) {
    try {
      text = fs.readFileSync(flags.entryFile, 'utf8');
    } catch (error) {
      throw badInput(`--entry-file ${flags.entryFile}: cannot read it (${(error as Error).message})`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text!);
  } catch (error) {
    throw badInput(`the entry is not JSON: ${(error as Error).message}`);
  }
  const entry = (value as { staffKey?: unknown })?.staffKey ?? value;
  if (entry && typeof entry === 'object' && 'privateKey' in entry)
    throw badInput(
      'the entry holds a privateKey: give the public entry `kccp staff-key new` printed, never the key file',
    );
  // The worker's own parser decides, so a bad field is named as the worker would name it.
  try {
    return parseStaffKeys(JSON.stringify({ keys: [entry] }), 'the entry').keys[0]!;
  } catch (error) {
    throw badInput(`${(error as Error).message.replace('key 1, ', '')}; nothing was changed`);
  }
}

export function registerStaffRoster(staffKey: Command): void {
  broadcastOptions(
    staffKey
      .command('add')
      .description("add a staff member's public key to the worker's staff keys, then tell every running course")
      .option('--keys-file <file>', "the worker's staff keys (default: $KCCP_STAFF_KEYS_FILE)")
      .option('--entry <json>', 'the public entry `kccp staff-key new` printed')
      .option('--entry-file <file>', 'the same, from a file (its --json output works too)'),
    true,
  )
    .addHelpText(
      'after',
      `
Example:
  $ kccp staff-key add --keys-file /etc/kccp/staff-keys.json --entry '{"keyId":"sato-2027","actor":"sato@jica.example","role":"scrutiny-secretariat","publicKey":"..."}'`,
    )
    .action(async (flags: RosterFlags & { entry?: string; entryFile?: string }, command: Command) => {
      const options = globalOptions(command);
      const roster = readRoster(keysFileOf(flags));
      const added = readEntry(flags);
      const keys = withKey(roster, added);
      writeRoster(roster, keys);
      if (!options.json)
        print(
          `added ${added.keyId} (${added.actor}, ${added.role}) to ${roster.file}; ${keys.length} key${keys.length === 1 ? '' : 's'}`,
        );
      const result = flags.broadcast
        ? await tellRunningCourses(options, flags, `${added.keyId} is in the file`)
        : undefined;
      if (options.json)
        printJson({
          keysFile: roster.file,
          added,
          keys: keys.length,
          broadcast: result ? broadcastJson(result) : null,
        });
      if (result) reportBroadcast(result, options.json);
    });

  broadcastOptions(
    staffKey
      .command('revoke')
      .description("remove a key from the worker's staff keys, then tell every running course to reload them")
      .option('--keys-file <file>', "the worker's staff keys (default: $KCCP_STAFF_KEYS_FILE)")
      .requiredOption('--key-id <id>', 'the key to revoke'),
    true,
  )
    .addHelpText(
      'after',
      `
From the signal on, a course refuses decisions signed with the revoked key.
Exit code 1 if some course could not be told (they are named on stderr): run
\`kccp staff-key reload\` to tell them again.

Example:
  $ kccp staff-key revoke --keys-file /etc/kccp/staff-keys.json --key-id sato-2027`,
    )
    .action(async (flags: RosterFlags & { keyId: string }, command: Command) => {
      const options = globalOptions(command);
      const roster = readRoster(keysFileOf(flags));
      const { keys, removed } = withoutKey(roster, flags.keyId.trim());
      writeRoster(roster, keys);
      if (!options.json) {
        print(
          `revoked ${removed.keyId} (${removed.actor}, ${removed.role}) from ${roster.file}; ${keys.length} key${keys.length === 1 ? '' : 's'} left`,
        );
        if (keys.length === 0) warn('kccp: no keys left: courses will refuse every decision until a key is added');
      }
      const result = flags.broadcast
        ? await tellRunningCourses(options, flags, `${removed.keyId} is already removed from the file`)
        : undefined;
      if (options.json)
        printJson({
          keysFile: roster.file,
          revoked: { keyId: removed.keyId, actor: removed.actor, role: removed.role },
          keysLeft: keys.length,
          broadcast: result ? broadcastJson(result) : null,
        });
      if (result) reportBroadcast(result, options.json);
    });

  broadcastOptions(
    staffKey
      .command('reload')
      .description('tell every running course to reload the staff keys (after editing the file by hand)'),
    false,
  )
    .addHelpText('after', '\nExample:\n  $ kccp staff-key reload --json')
    .action(async (flags: BroadcastFlags, command: Command) => {
      const options = globalOptions(command);
      const result = await tellRunningCourses(options, flags, undefined);
      if (options.json) printJson(broadcastJson(result));
      reportBroadcast(result, options.json);
    });
}
