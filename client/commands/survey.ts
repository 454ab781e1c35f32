/** `kccp survey`: request survey responses, one from flags or many from a CSV file. */
import { Option, type Command } from 'commander';
import { decisionSchemas, type DecisionOf } from '../../domain/decisions';
import { sendBatch, type BatchItem } from '../batch';
import { checkCourseCode } from '../course-access';
import { globalOptions, resolveActor, withClient } from '../context';
import {
  checkRows,
  parsedCell,
  parseWithSchema,
  readCsvFile,
  refuseOrSkip,
  RowError,
  rowKey,
  type CsvRow,
} from '../csv';
import { recordDecision, withDecisionOptions, type DecisionFlags } from '../decide';
import { badInput } from '../errors';
import { parseCountry, parseInteger, parseYesNo } from '../parsers';

export const SURVEY_COLUMNS = [
  { name: 'country', aliases: ['country_code'] },
  { name: 'wants_to_participate', aliases: ['participate', 'wants', 'requests'] },
  { name: 'expected_participants', aliases: ['participants', 'expected'], optional: true },
];

interface SurveyFlags extends DecisionFlags {
  csv?: string;
  country?: string;
  participate?: boolean;
  expected?: number;
  skipBadRows?: boolean;
  progress?: boolean;
}

const COLUMN_OF = {
  country: 'country',
  wantsToParticipate: 'wants_to_participate',
  expectedParticipants: 'expected_participants',
};

/** Every row checked, duplicates within the file included, before anything is sent. */
export function surveyRows(path: string, flags: SurveyFlags) {
  const file = readCsvFile(path, SURVEY_COLUMNS);
  const actor = resolveActor(flags.as);
  const seen = new Map<string, number>();
  const { good, bad } = checkRows(file, (row: CsvRow) => {
    const country = parsedCell(row, 'country', parseCountry);
    const wants = parsedCell(row, 'wants_to_participate', parseYesNo);
    const expected = row.cells.expected_participants?.trim()
      ? parsedCell(row, 'expected_participants', parseInteger)
      : 0;
    const earlier = seen.get(country);
    if (earlier !== undefined)
      throw new RowError('country', `duplicate: ${country} already answers on line ${earlier}`);
    seen.set(country, row.line);
    const decision = parseWithSchema(
      decisionSchemas.surveyResponse,
      {
        kind: 'surveyResponse',
        actor,
        idempotencyKey: rowKey('surveyResponse', file, row.line),
        country,
        wantsToParticipate: wants,
        expectedParticipants: expected,
        ...(flags.cycle ? { cycle: flags.cycle } : {}),
      },
      COLUMN_OF,
    );
    return decision;
  });
  return { file, good, bad };
}

export function registerSurvey(program: Command): void {
  withDecisionOptions(program.command('survey'))
    .description('record request survey responses: does a country want to take part next year?')
    .argument('<code>', 'course code')
    .option('--country <code>', 'the responding country, ISO alpha-2', parseCountry)
    .option('--participate <yes|no>', 'whether it wants to take part', parseYesNo)
    .option('--expected <n>', 'participants it expects to send (at least 1 when it takes part)', parseInteger)
    .option('--csv <file>', `many responses: columns ${SURVEY_COLUMNS.map((c) => c.name).join(', ')}`)
    .option('--skip-bad-rows', 'with --csv: send the good rows even if some are bad (they are reported)')
    .addOption(new Option('--progress', 'with --csv: show the progress bar even when stderr is not a terminal'))
    .addHelpText(
      'after',
      `
A CSV row's idempotency key is derived from the file's content and the row's
line: running the same file again records each response once.

Examples:
  $ kccp survey KCCP-2028-AGR-01 --country KE --participate yes --expected 3
  $ kccp survey KCCP-2028-AGR-01 --csv survey.csv
      country,wants_to_participate,expected_participants
      KE,yes,3
      SN,no,0`,
    )
    .action(async (code: string, flags: SurveyFlags, command: Command) => {
      checkCourseCode(code);
      if (flags.csv) {
        if (flags.country || flags.participate !== undefined || flags.expected !== undefined || flags.key) {
          throw badInput(
            '--csv takes the responses from the file: drop --country, --participate, --expected and --key',
          );
        }
        const { file, good, bad } = surveyRows(flags.csv, flags);
        refuseOrSkip(file, bad, flags.skipBadRows, good.length);
        const items: BatchItem<'surveyResponse'>[] = good.map(({ line, value }) => ({
          lines: [line],
          label: value.country,
          decision: value as DecisionOf<'surveyResponse'>,
        }));
        if (items.length === 0) throw badInput(`${file.path}: no rows to send`);
        await withClient(globalOptions(command), (client) =>
          sendBatch(client, code, 'surveyResponse', items, bad, {
            ...globalOptions(command),
            progress: flags.progress,
          }),
        );
        return;
      }
      if (!flags.country || flags.participate === undefined)
        throw badInput('give --country and --participate, or --csv <file>');
      await recordDecision(
        command,
        code,
        'surveyResponse',
        { country: flags.country, wantsToParticipate: flags.participate, expectedParticipants: flags.expected ?? 0 },
        flags,
      );
    });
}
