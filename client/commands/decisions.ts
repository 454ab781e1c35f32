/**
 * The single-decision commands (plan, scrutiny, mofa, report-implementation,
 * mode, cancel-cycle, evaluation, resend), built from the `cli` entry of each
 * decision module in domain/decisions/. Kinds sent by a command of their own
 * (CSV files) name it in their entry; each such command registers itself.
 */
import { Option, type Command } from 'commander';
import { DECISIONS, DECISION_KINDS, type CliFlags, type CliOption, type DecisionKind } from '../../domain/decisions';
import { recordDecision, withDecisionOptions, type DecisionFlags } from '../decide';
import { badInput } from '../errors';
import { readOutlineFile } from '../outline-file';
import { collect, parseCountryCount, parseCountryPerson, parseInteger } from '../parsers';

const identity = (value: string) => value;
const PARSERS: Record<NonNullable<CliOption['parse']>, (value: string) => unknown> = {
  integer: parseInteger,
  'country-count': parseCountryCount,
  'country-person': parseCountryPerson,
};
const FILE_READERS: Record<NonNullable<CliOption['file']>, (file: string) => unknown> = {
  outline: readOutlineFile,
};

/** Flags naming files, replaced by what the files hold; a file that cannot be read is refused naming its flag. */
function readFiles(flags: CliFlags, options: readonly CliOption[]): CliFlags {
  const read: Record<string, unknown> = { ...flags };
  for (const spec of options) {
    const name = new Option(spec.flags).attributeName();
    if (!spec.file || typeof read[name] !== 'string') continue;
    try {
      read[name] = FILE_READERS[spec.file](read[name] as string);
    } catch (error) {
      throw badInput(`${new Option(spec.flags).long}: ${(error as Error).message}`);
    }
  }
  return read;
}

const example = (lines: readonly string[]) =>
  `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

function option(spec: CliOption): Option {
  const made = new Option(spec.flags, spec.description);
  if (spec.choices) made.choices([...spec.choices]);
  const parse = spec.parse ? PARSERS[spec.parse] : identity;
  if (spec.repeatable) made.argParser(collect(parse));
  else if (spec.parse) made.argParser(parse);
  if (spec.required) made.makeOptionMandatory();
  return made;
}

function registerDecision(program: Command, kind: DecisionKind): void {
  const cli = DECISIONS[kind].cli;
  if ('registeredBy' in cli) return;
  const command = withDecisionOptions(program.command(cli.command))
    .description(cli.description)
    .argument('<code>', 'course code');
  if (cli.argument) command.argument(cli.argument.name, cli.argument.description);
  for (const spec of cli.options) command.addOption(option(spec));
  command.addHelpText('after', example(cli.examples) + (cli.note ? `\n${cli.note}` : ''));
  command.action(async (code: string, ...rest: unknown[]) => {
    // commander passes the positional arguments, then the flags, then the command.
    const [argument, flags, self] = cli.argument ? rest : [undefined, ...rest];
    const decisionFlags = flags as DecisionFlags & CliFlags;
    const cycle = decisionFlags.cycle ?? (argument && cli.cycleOf ? cli.cycleOf(argument as string) : undefined);
    const body = (cli.body as (flags: CliFlags, argument: string | undefined) => object)(
      readFiles(decisionFlags, cli.options),
      argument as string | undefined,
    );
    await recordDecision(self as Command, code, kind, body as never, { ...decisionFlags, cycle });
  });
}

export function registerDecisions(program: Command): void {
  for (const kind of DECISION_KINDS) registerDecision(program, kind);
}
