/** `kccp staff-key new`: a staff member's Ed25519 key pair for signed decisions. */
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import {
  bytesToBase64,
  generateStaffKeyPair,
  keyIdSchema,
  STAFF_ROLES,
  type StaffKey,
  type StaffRole,
} from '../../domain/staff';
import { globalOptions } from '../context';
import { badInput } from '../errors';
import { print, printJson } from '../output';
import { registerStaffRoster } from './staff-roster';

interface NewKeyFlags {
  keyId: string;
  actor: string;
  role: StaffRole;
  out: string;
}

export function registerStaffKey(program: Command): void {
  const staffKey = program
    .command('staff-key')
    .description('keys that sign decisions, for workers that require signed decisions');
  staffKey
    .command('new')
    .description(
      "write a new private key for a staff member, and print the public entry for the worker's KCCP_STAFF_KEYS_FILE",
    )
    .requiredOption('--key-id <id>', 'name of the key, e.g. sato-2027')
    .requiredOption('--actor <actor>', 'the staff member it belongs to; decisions signed with it name them as actor')
    .addOption(new Option('--role <role>', 'what the key may sign').choices([...STAFF_ROLES]).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the private key (never overwritten; keep it to yourself)')
    .addHelpText(
      'after',
      `
Example:
  $ kccp staff-key new --key-id sato-2027 --actor sato@jica.example --role scrutiny-secretariat --out sato-2027.key.json
  # the operator adds the printed entry with \`kccp staff-key add --entry '...'\`, then:
  $ KCCP_SIGNING_KEY_FILE=sato-2027.key.json kccp scrutiny KCCP-2028-AGR-01 --result pass --reason "..."`,
    )
    .action((flags: NewKeyFlags, command: Command) => {
      const keyId = keyIdSchema.safeParse(flags.keyId);
      if (!keyId.success) throw badInput(`--key-id "${flags.keyId}": ${keyId.error.issues[0]?.message}`);
      const { privateKey, publicKey } = generateStaffKeyPair();
      const secret = {
        keyId: keyId.data,
        actor: flags.actor.trim(),
        role: flags.role,
        privateKey: bytesToBase64(privateKey),
      };
      try {
        writeFileSync(flags.out, `${JSON.stringify(secret, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      } catch (error) {
        throw badInput(`cannot write ${flags.out}: ${(error as Error).message}`);
      }
      const entry: StaffKey = {
        keyId: secret.keyId,
        actor: secret.actor,
        role: secret.role,
        publicKey: bytesToBase64(publicKey),
      };
      if (globalOptions(command).json) {
        printJson({ privateKeyFile: flags.out, staffKey: entry });
        return;
      }
      print(`private key written to ${flags.out} (mode 600)`);
      print(`the operator adds this entry to the worker's staff keys with \`kccp staff-key add --entry '<entry>'\`:`);
      print(JSON.stringify(entry));
    });
  registerStaffRoster(staffKey);
}
