/** `kccp nominations` (CSV, one decision per country) and `kccp selection` (flags or CSV, one decision). */
import { Option, InvalidArgumentError, type Command } from 'commander';
import { decisionSchemas, nomineeSchema, type DecisionOf, type Nominee } from '../../domain/decisions';
import { sendBatch, type BatchItem } from '../batch';
import { checkCourseCode } from '../course-access';
import { globalOptions, resolveActor, withClient } from '../context';
import { cell, checkRows, parsedCell, parseWithSchema, readCsvFile, refuseOrSkip, RowError, rowKey } from '../csv';
import { recordDecision, withDecisionOptions, type DecisionFlags } from '../decide';
import { badInput } from '../errors';
import { collect, parseCountry } from '../parsers';

export const NOMINATION_COLUMNS = [
  { name: 'country', aliases: ['country_code'] },
  { name: 'organization', aliases: ['organisation'] },
  { name: 'nominee_name', aliases: ['name', 'nominee'] },
  { name: 'position' },
  { name: 'email', aliases: ['e_mail'] },
  // The rest of the application form: optional columns, and an empty cell is no answer.
  { name: 'gender', optional: true },
  { name: 'date_of_birth', aliases: ['dob'], optional: true },
  { name: 'nationality', optional: true },
  { name: 'years_of_experience', aliases: ['experience_years'], optional: true },
  { name: 'language_proficiency', aliases: ['languages'], optional: true },
  { name: 'document_language', optional: true },
];

/** Application-form column → nominee field, for the optional columns and the row errors that name them. */
const FORM_COLUMNS = {
  gender: 'gender',
  date_of_birth: 'dateOfBirth',
  nationality: 'nationality',
  years_of_experience: 'yearsOfExperience',
  language_proficiency: 'languageProficiency',
  document_language: 'documentLanguage',
} as const;

function formCells(row: Parameters<typeof cell>[0]): Record<string, string | number> {
  const form: Record<string, string | number> = {};
  for (const [column, field] of Object.entries(FORM_COLUMNS)) {
    const value = row.cells[column]?.trim();
    if (!value) continue;
    // A non-number stays text so the schema names the column and the rule.
    form[field] = field === 'yearsOfExperience' && /^\d+$/.test(value) ? Number(value) : value;
  }
  return form;
}
export const SELECTION_COLUMNS = [
  { name: 'country', aliases: ['country_code'] },
  { name: 'nominee_name', aliases: ['name', 'nominee'] },
];

interface CsvFlags extends DecisionFlags {
  csv?: string;
  skipBadRows?: boolean;
  progress?: boolean;
}

/** Rows grouped by country: one nominations decision per government, as governments send them. */
export function nominationGroups(path: string, flags: CsvFlags) {
  const file = readCsvFile(path, NOMINATION_COLUMNS);
  const { good, bad } = checkRows(file, (row) => {
    const country = parsedCell(row, 'country', parseCountry);
    const nominee = parseWithSchema(
      nomineeSchema(),
      {
        name: cell(row, 'nominee_name'),
        position: cell(row, 'position'),
        email: cell(row, 'email'),
        organization: cell(row, 'organization'),
        ...formCells(row),
      },
      {
        name: 'nominee_name',
        ...Object.fromEntries(Object.entries(FORM_COLUMNS).map(([column, field]) => [field, column])),
      },
    );
    return { country, nominee };
  });
  const groups = new Map<string, { lines: number[]; nominees: Nominee[] }>();
  for (const { line, value } of good) {
    const group = groups.get(value.country) ?? { lines: [], nominees: [] };
    if (group.nominees.some((n) => n.name === value.nominee.name)) {
      bad.push({
        line,
        field: 'nominee_name',
        message: `duplicate: ${value.nominee.name} is already nominated by ${value.country} on line ${group.lines[group.nominees.findIndex((n) => n.name === value.nominee.name)]}`,
      });
      continue;
    }
    group.lines.push(line);
    group.nominees.push(value.nominee);
    groups.set(value.country, group);
  }
  const actor = resolveActor(flags.as);
  const items: BatchItem<'nominations'>[] = [];
  for (const [country, group] of groups) {
    try {
      const decision = parseWithSchema(decisionSchemas.nominations, {
        kind: 'nominations',
        actor,
        idempotencyKey: rowKey('nominations', file, country),
        country,
        organizations: [...new Set(group.nominees.map((n) => n.organization))],
        nominees: group.nominees,
        ...(flags.cycle ? { cycle: flags.cycle } : {}),
      });
      items.push({
        lines: group.lines,
        label: `${country} (${group.nominees.length} nominee${group.nominees.length === 1 ? '' : 's'})`,
        decision: decision as DecisionOf<'nominations'>,
      });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      bad.push({ line: group.lines[0]!, field: error.field, message: `${country}: ${error.message}` });
    }
  }
  bad.sort((a, b) => a.line - b.line);
  return { file, items, bad };
}

function parseParticipant(value: string): { country: string; name: string } {
  const colon = value.indexOf(':');
  if (colon < 0) throw new InvalidArgumentError(`"${value}" is not COUNTRY:NAME, e.g. KE:"Jane Wanjiru".`);
  return { country: parseCountry(value.slice(0, colon)), name: value.slice(colon + 1).trim() };
}

function selectionParticipants(pairs: { country: string; name: string }[]) {
  const byCountry = new Map<string, string[]>();
  for (const { country, name } of pairs) byCountry.set(country, [...(byCountry.get(country) ?? []), name]);
  return [...byCountry].map(([country, nominees]) => ({ country, nominees }));
}

export function registerNominations(program: Command): void {
  withDecisionOptions(program.command('nominations'))
    .description('record the nominations governments sent: organizations and nominees, grouped per country')
    .argument('<code>', 'course code')
    .requiredOption('--csv <file>', `columns ${NOMINATION_COLUMNS.map((c) => c.name).join(', ')}; one row per nominee`)
    .option('--skip-bad-rows', 'send the good countries even if some rows are bad (they are reported)')
    .addOption(new Option('--progress', 'show the progress bar even when stderr is not a terminal'))
    .addHelpText(
      'after',
      `
Each country's rows become one nominations decision, keyed by the file's
content and the country: running the same file again records them once.

Example:
  $ kccp nominations KCCP-2028-AGR-01 --csv nominations.csv
      country,organization,nominee_name,position,email
      KE,Ministry of Agriculture,Jane Wanjiru,Director,jane.wanjiru@agri.go.ke`,
    )
    .action(async (code: string, flags: CsvFlags, command: Command) => {
      checkCourseCode(code);
      if (flags.key) throw badInput('--key applies to one decision; rows of a CSV file get keys from the file');
      const { file, items, bad } = nominationGroups(flags.csv!, flags);
      refuseOrSkip(file, bad, flags.skipBadRows, items.length);
      if (items.length === 0) throw badInput(`${file.path}: no rows to send`);
      const options = globalOptions(command);
      await withClient(options, (client) =>
        sendBatch(client, code, 'nominations', items, bad, { ...options, progress: flags.progress }),
      );
    });

  withDecisionOptions(program.command('selection'))
    .description('record the final selection of participants, by country, from the nominees')
    .argument('<code>', 'course code')
    .option('--participant <COUNTRY:NAME>', 'a selected nominee (repeatable)', collect(parseParticipant))
    .option('--csv <file>', `columns ${SELECTION_COLUMNS.map((c) => c.name).join(', ')}; one row per selected nominee`)
    .addHelpText(
      'after',
      `
Examples:
  $ kccp selection KCCP-2028-AGR-01 --participant "KE:Jane Wanjiru" --participant "SN:Awa Diop"
  $ kccp selection KCCP-2028-AGR-01 --csv selection.csv`,
    )
    .action(
      async (
        code: string,
        flags: CsvFlags & { participant?: { country: string; name: string }[] },
        command: Command,
      ) => {
        checkCourseCode(code);
        if (flags.csv && flags.participant) throw badInput('give --participant or --csv, not both');
        if (!flags.csv) {
          if (!flags.participant?.length)
            throw badInput('give --participant COUNTRY:NAME (repeatable) or --csv <file>');
          await recordDecision(
            command,
            code,
            'selection',
            { participants: selectionParticipants(flags.participant) },
            flags,
          );
          return;
        }
        const file = readCsvFile(flags.csv, SELECTION_COLUMNS);
        const { good, bad } = checkRows(file, (row) => ({
          country: parsedCell(row, 'country', parseCountry),
          name: cell(row, 'nominee_name'),
        }));
        // One decision from the whole file: a bad row always stops it.
        refuseOrSkip(file, bad, false, good.length);
        await recordDecision(
          command,
          code,
          'selection',
          { participants: selectionParticipants(good.map((g) => g.value)) },
          { ...flags, key: flags.key ?? rowKey('selection', file, 'all') },
        );
      },
    );
}
