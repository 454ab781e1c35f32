/** The evaluation report as Markdown for people and CSV for spreadsheets; both from the same rows. */
import { courses, formatRate, RATE_DEFINITIONS, RATE_NAMES, ratePercent } from './rates';
import type { EvaluationReport, ParticipantRatesTable } from './report';

/**
 * Text that comes from course data or the run (subjects, country names,
 * codes, problems, the source) as literal Markdown: line breaks would start a
 * heading or a new paragraph of the author's choosing, and links, images, HTML
 * or emphasis could dress invented text up as the report's own. Backslash
 * escapes are CommonMark's for any ASCII punctuation.
 */
export function markdownText(value: string | number): string {
  return String(value)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#!~&]/g, (c) => `\\${c}`);
}

// Cells of our own labels keep their emphasis (**Total**); cells of course data are escaped by the caller.
const cell = (value: string | number) => String(value).replace(/\|/g, '\\|');

function mdTable(head: string[], rows: (string | number)[][], align: ('l' | 'r')[]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)].join(
    '\n',
  );
}

const NO_RECORDS = 'no records';

/** Per course, then the program: counts beside each rate, and the legend that defines them. */
function ratesMarkdown(t: ParticipantRatesTable): string[] {
  const head = ['Course', 'Cycle', 'Selected', ...RATE_NAMES.map((n) => RATE_DEFINITIONS[n].label)];
  const rows = t.courses.map((row) => [
    markdownText(row.code),
    row.cycle,
    row.figures ? row.figures.selected : NO_RECORDS,
    ...RATE_NAMES.map((n) => (row.rates ? formatRate(row.rates[n]) : NO_RECORDS)),
  ]);
  rows.push([
    `**All ${courses(t.coursesWithRecords)} with records**`,
    '',
    `**${t.program.figures.selected}**`,
    ...RATE_NAMES.map((n) => `**${formatRate(t.program.rates[n])}**`),
  ]);
  return [
    `## Participant rates by course`,
    mdTable(head, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
    [
      ...RATE_NAMES.map((n) => `- ${RATE_DEFINITIONS[n].label}: ${RATE_DEFINITIONS[n].definition}.`),
      `- "${NO_RECORDS}": the course's cycle kept no participant records (selected before program-rules-v1), so it has no rates; n/a: the rate's base is zero.`,
    ].join('\n'),
    ...(t.coursesNotListed ? [`Not listed: ${courses(t.coursesNotListed)} more, counted in the total.`] : []),
  ];
}

export const REPORT_FILES = { markdown: 'report.md', csv: 'report.csv', chart: 'chart.svg' } as const;

export function reportMarkdown(r: EvaluationReport): string {
  const percent = (p: number) => `${p.toFixed(2)} %`;
  const evaluated = r.evaluations.recorded + r.evaluations['already-recorded'];
  const parts = [
    `# KCCP yearly evaluation, JFY${r.fiscalYear}`,
    `Fiscal year ${r.period.from} to ${r.period.to} (Asia/Tokyo). Generated ${markdownText(r.generatedAt)} by ${markdownText(r.source)}.`,
    `${r.totalCourses} courses had a cycle in JFY${r.fiscalYear}; ${evaluated} of them hold this evaluation ` +
      `(${r.evaluations.recorded} recorded now, ${r.evaluations['already-recorded']} already recorded)` +
      `${r.evaluations['not-recorded'] ? `, ${r.evaluations['not-recorded']} could not record it (see Problems)` : ''}.`,
    `![Courses by subject and participants by region](${'chart.svg'})`,
    `## Number of courses by subject`,
    `${r.totalCourses} courses were planned for JFY${r.fiscalYear} and ${r.totalHeld} were held.`,
    mdTable(
      ['Subject', 'Planned', 'Held'],
      [
        ...r.subjects.map((s) => [markdownText(s.subject), s.courses, s.held]),
        ['**Total**', `**${r.totalCourses}**`, `**${r.totalHeld}**`],
      ],
      ['l', 'r', 'r'],
    ),
    `Planned courses are those with a cycle in the fiscal year; held ones took place in person, online or hybrid ` +
      `(see Outcomes for the others). Each total is the sum of its column, computed from the courses.`,
    `## Ratio of participants by region`,
    mdTable(
      ['Region', 'Participants', 'Ratio', 'Rounded'],
      [
        ...r.regions.map((x) => [markdownText(x.region), x.participants, percent(x.percent), `${x.roundedPercent} %`]),
        ['**Total**', `**${r.totalParticipants}**`, '', ''],
      ],
      ['l', 'r', 'r', 'r'],
    ),
    `Participants are those of each course's implementation report${
      r.participantsFromSelection
        ? `; for ${r.participantsFromSelection} courses with no report yet, the selected participants`
        : ''
    }. Rounded ratios need not add up to 100 %.`,
    `## Outcomes`,
    mdTable(
      ['Outcome', 'Courses'],
      r.outcomes.map((o) => [o.outcome, o.courses]),
      ['l', 'r'],
    ),
    `## Undeliverable countries`,
    r.undeliverable.length
      ? mdTable(
          ['Country', 'Name', 'Courses'],
          r.undeliverable.map((u) => [markdownText(u.country), markdownText(u.name), u.courses]),
          ['l', 'l', 'r'],
        )
      : 'Every notice reached its government.',
    ...ratesMarkdown(r.participantRates),
  ];
  if (r.problems.length || r.problemsNotListed) {
    parts.push(
      `## Problems`,
      mdTable(
        ['Course', 'Problem'],
        r.problems.map((p) => [markdownText(p.code), markdownText(p.problem)]),
        ['l', 'l'],
      ),
      ...(r.problemsNotListed ? [`${r.problemsNotListed} more problems are not listed.`] : []),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before
 * one) as a formula: such text cells get a leading apostrophe, as OWASP's CSV
 * injection guidance says, so they show as text. Numbers stay numbers. Quoting
 * is RFC 4180 by hand (csv-stringify is not a dependency): a field with a
 * quote, comma or line break is quoted, its quotes doubled.
 */
export function csvField(value: string | number): string {
  const raw = String(value);
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One table, one section per figure: section,item,count,percent,of ("courses by subject" are the
 * planned ones). `of` is a rate's base, so count/of is the rate; the older sections leave it empty.
 */
export function reportCsv(r: EvaluationReport): string {
  const rows: (string | number)[][] = [['section', 'item', 'count', 'percent', 'of']];
  for (const s of r.subjects) rows.push(['courses by subject', s.subject, s.courses, '']);
  rows.push(['courses by subject', 'Total', r.totalCourses, '']);
  for (const s of r.subjects) rows.push(['courses held by subject', s.subject, s.held, '']);
  rows.push(['courses held by subject', 'Total', r.totalHeld, '']);
  for (const x of r.regions) rows.push(['participants by region', x.region, x.participants, x.percent.toFixed(2)]);
  rows.push(['participants by region', 'Total', r.totalParticipants, r.totalParticipants ? '100.00' : '']);
  for (const o of r.outcomes) rows.push(['outcomes', o.outcome.replace(/^- /, ''), o.courses, '']);
  for (const u of r.undeliverable) rows.push(['undeliverable countries', u.country, u.courses, '']);
  const t = r.participantRates;
  for (const row of [...t.courses, { code: 'All courses with records', cycle: undefined, rates: t.program.rates }]) {
    const item = row.cycle === undefined ? row.code : `${row.code} cycle ${row.cycle}`;
    for (const n of RATE_NAMES) {
      const section = `${n === 'actionPlan' ? 'action-plan' : n} rate`;
      const rate = row.rates?.[n];
      if (!rate) rows.push([section, item, '', NO_RECORDS, '']);
      else rows.push([section, item, rate.count, ratePercent(rate)?.toFixed(2) ?? 'n/a', rate.of]);
    }
  }
  // Every row as wide as the header: a strict reader refuses a short one.
  const width = rows[0]!.length;
  const padded = rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  return `${padded.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}
