/**
 * kccp: the thin admin client. One command per staff action; each decision
 * goes to the course's workflow as the update the workflow defines, and the
 * workflow's answer is printed. Exit codes are described in ./errors.ts.
 */
import { Command, CommanderError } from 'commander';
import { registerCatalogue } from './commands/catalogue';
import { registerCourse } from './commands/course';
import { registerDecisions } from './commands/decisions';
import { registerInspect } from './commands/inspect';
import { registerNominations } from './commands/nominations';
import { registerParticipants } from './commands/participants';
import { registerReport } from './commands/report';
import { registerSchedule } from './commands/schedule';
import { registerStaffKey } from './commands/staff-key';
import { registerSeed } from './commands/seed';
import { registerSurvey } from './commands/survey';
import { EXIT_BAD_INPUT, EXIT_REFUSED, KccpError } from './errors';
import { useSigningKey } from './signing';

export function buildProgram(onError: (text: string) => void = (text) => process.stderr.write(text)): Command {
  const program = new Command('kccp')
    .description('Admin client for KCCP courses on Temporal: create courses, record staff decisions, inspect courses.')
    .option('--json', 'machine-readable output on stdout')
    .option(
      '--address <host:port>',
      'Temporal frontend (default: $TEMPORAL_ADDRESS, the envconfig profile, then localhost:7233)',
    )
    .option('--namespace <namespace>', 'Temporal namespace (default: $TEMPORAL_NAMESPACE, the profile, then "default")')
    .option(
      '--signing-key <file>',
      'sign every decision with this staff key (default: $KCCP_SIGNING_KEY_FILE); see `kccp staff-key new`',
    )
    .hook('preAction', (_program, action) => {
      useSigningKey(
        action.optsWithGlobals<{ signingKey?: string }>().signingKey ??
          (process.env.KCCP_SIGNING_KEY_FILE?.trim() || undefined),
      );
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeErr: onError,
      outputError: (text, write) => write(`kccp: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      `
Who acts: --as, then $KCCP_ACTOR, then the signing key's owner, then the OS user.
Exit codes: 0 done; 1 refused (unknown course, wrong phase, rejected decision,
server unreachable); 2 bad input, nothing sent (usage, malformed CSV row,
unknown country code).`,
    );
  registerCourse(program);
  registerInspect(program);
  registerSurvey(program);
  registerDecisions(program);
  registerNominations(program);
  registerParticipants(program);
  registerCatalogue(program);
  registerStaffKey(program);
  registerSeed(program); // after registerCatalogue: adds `catalogue seed`
  registerSchedule(program);
  registerReport(program);
  return program;
}

/** Runs kccp with these arguments and resolves to the exit code. */
export async function main(argv: string[] = process.argv): Promise<number> {
  let commanderPrinted = false;
  const program = buildProgram((text) => {
    commanderPrinted = true;
    process.stderr.write(text);
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof KccpError) {
      process.stderr.write(`kccp: ${error.message}\n${error.details.map((d) => `  ${d}\n`).join('')}`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      // Help and version end with 0; every other commander error is a usage error.
      if (error.exitCode === 0) return 0;
      if (!commanderPrinted) process.stderr.write(`kccp: ${error.message.replace(/^error: /, '')}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`kccp: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.KCCP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return EXIT_REFUSED;
  }
}
