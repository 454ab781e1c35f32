/**
 * The yearly "Course List and Outline", as JICA publishes it: the courses
 * with a cycle in a fiscal year, grouped by subject, each with the outline its
 * GI package prints. One list of entries feeds the PDF (./catalogue-pdf.ts),
 * the HTML and the CSV, so the three say the same thing.
 */
import Handlebars from 'handlebars';
import { courseCalendar, type CycleCalendar } from '../../domain/calendar';
import { countryName } from '../../domain/countries';
import type { CourseSpec } from '../../domain/course';
import { outlineIn } from '../../domain/course-outline';
import { SUBJECTS, type NoticeLanguage } from '../../domain/reference';
import { formatDeadline, formatWindow } from '../templates/dates';
import { languageWords } from '../templates/languages';
import { MESSAGES } from '../templates/messages';
import { subjectName } from './gi-pdf';
import { DOCUMENT_WORDS } from './words';

export interface CatalogueEntry {
  spec: CourseSpec;
  /** The course's cycle held in the catalogue's fiscal year. */
  cycle: CycleCalendar;
}

export interface CatalogueGroup {
  subject: string;
  entries: CatalogueEntry[];
}

/** Courses with a cycle in `fiscalYear`, each once (the first spec seen for a code), by subject in the program's order. */
export function catalogueGroups(specs: readonly CourseSpec[], fiscalYear: number): CatalogueGroup[] {
  const byCode = new Map<string, CatalogueEntry>();
  for (const spec of specs) {
    const cycle = courseCalendar(spec).find((c) => c.fiscalYear === fiscalYear);
    if (cycle && !byCode.has(spec.code)) byCode.set(spec.code, { spec, cycle });
  }
  const order = (subject: string) => {
    const i = (SUBJECTS as readonly string[]).indexOf(subject);
    return i < 0 ? SUBJECTS.length : i;
  };
  const groups = new Map<string, CatalogueEntry[]>();
  for (const entry of [...byCode.values()].sort((a, b) => a.spec.code.localeCompare(b.spec.code))) {
    groups.set(entry.spec.subject, [...(groups.get(entry.spec.subject) ?? []), entry]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([subject, entries]) => ({ subject, entries }));
}

/** An entry's facts as the reader's words, shared by the three formats. */
export function entryFacts(entry: CatalogueEntry, language: NoticeLanguage) {
  const m = MESSAGES[language];
  const w = DOCUMENT_WORDS[language];
  const { spec, cycle } = entry;
  const local = spec.outline ? outlineIn(spec.outline, spec.title, language) : undefined;
  const outline = local?.outline;
  return {
    code: spec.code,
    title: local?.title ?? spec.title,
    subject: subjectName(spec.subject, w),
    hostCentre: spec.hostCentre,
    regions: spec.regions.map((r) => w.regions[r]).join(w.separator),
    countries: spec.targetCountries.map((c) => countryName(c, language)).join(w.separator),
    languages: languageWords(spec.languages, language)?.all ?? '',
    cycle: `JFY${cycle.fiscalYear} / ${cycle.cycle}`,
    inJapan: formatWindow(cycle.windows.inJapan, language, m.labels),
    nominations: formatWindow(cycle.windows.nominations, language, m.labels),
    deadline: formatDeadline(cycle.windows.nominations.closes, language, m.timeZoneSuffix),
    participants: outline ? w.participants(outline.participants.perCountry, outline.participants.total) : '',
    totalDuration: outline ? w.days(outline.totalDays) : '',
    objectives: outline?.objectives ?? [],
    expectedOutputs: outline?.expectedOutputs ?? [],
    modules: (outline?.modules ?? []).map((mod) => ({ ...mod, duration: w.days(mod.days) })),
    targetOrganisations: outline?.targetOrganisations.join('; ') ?? '',
    targetPositions: outline?.targetPositions.join('; ') ?? '',
    eligibility: outline?.eligibility ?? [],
    partners: outline?.partners.join('; ') ?? '',
    contact: outline ? `${outline.contact.name} <${outline.contact.email}>` : '',
  };
}

export const CATALOGUE_CSV_COLUMNS = [
  'subject',
  'subject_name',
  'code',
  'title',
  'host_centre',
  'regions',
  'target_countries',
  'languages',
  'cycle',
  'in_japan',
  'nominations_deadline',
  'participants',
  'total_duration',
  'objectives',
  'expected_outputs',
  'modules',
  'target_organisations',
  'target_positions',
  'eligibility',
  'partners',
  'contact',
] as const;

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One row per course; lists joined with " | " so a spreadsheet keeps one course per row. */
export function catalogueCsv(groups: readonly CatalogueGroup[], language: NoticeLanguage): string {
  const rows = groups.flatMap((g) =>
    g.entries.map((entry) => {
      const f = entryFacts(entry, language);
      return [
        entry.spec.subject,
        f.subject,
        f.code,
        f.title,
        f.hostCentre,
        f.regions,
        entry.spec.targetCountries.join(' '),
        (entry.spec.languages ?? []).join(' '),
        f.cycle,
        f.inJapan,
        f.deadline,
        f.participants,
        f.totalDuration,
        f.objectives.join(' | '),
        f.expectedOutputs.join(' | '),
        f.modules.map((mod) => `${mod.title} (${mod.method}; ${mod.duration})`).join(' | '),
        f.targetOrganisations,
        f.targetPositions,
        f.eligibility.join(' | '),
        f.partners,
        f.contact,
      ];
    }),
  );
  // A byte-order mark so spreadsheets read the Japanese and accented text as UTF-8.
  return '\uFEFF' + [[...CATALOGUE_CSV_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const HTML = Handlebars.compile(
  `<!doctype html>
<html lang="{{language}}">
<head>
<meta charset="utf-8">
<title>{{w.catalogueTitle}} {{yearLabel}}</title>
<style>
body { font-family: "Noto Sans JP", Helvetica, Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { margin-bottom: 0.2rem; } h2 { color: #1f4e79; border-bottom: 2px solid #1f4e79; margin-top: 2.5rem; }
.muted { color: #555; } article { border-top: 1px solid #ccd; padding: 0.5rem 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; } dt { font-weight: bold; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #9aa9b8; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #dfe8f2; }
</style>
</head>
<body>
<p class="muted">{{w.agency}}<br>{{w.programme}}</p>
<h1>{{w.catalogueTitle}}</h1>
<p><strong>{{yearLabel}}</strong> ({{total}} {{w.labels.courses}})</p>
<p>{{w.catalogueIntro}}</p>
<nav><h3>{{w.sections.contents}}</h3><ol>{{#each groups}}<li><a href="#s{{@index}}">{{name}}</a> ({{entries.length}})</li>{{/each}}</ol></nav>
{{#each groups}}
<section id="s{{@index}}">
<h2>{{name}}</h2>
{{#each entries}}
<article id="{{code}}">
<h3>{{title}}</h3>
<dl>
<dt>{{../../w.labels.code}}</dt><dd>{{code}}</dd>
<dt>{{../../m.labels.hostCentre}}</dt><dd>{{hostCentre}}</dd>
{{#if regions}}<dt>{{../../w.labels.regions}}</dt><dd>{{regions}}</dd>{{/if}}
<dt>{{../../w.labels.countries}}</dt><dd>{{countries}}</dd>
{{#if languages}}<dt>{{../../m.labels.languages}}</dt><dd>{{languages}}</dd>{{/if}}
<dt>{{../../m.windows.inJapan}}</dt><dd>{{inJapan}}</dd>
<dt>{{../../m.labels.deadline}}</dt><dd>{{deadline}}</dd>
{{#if participants}}<dt>{{../../w.labels.participants}}</dt><dd>{{participants}}</dd>
<dt>{{../../w.labels.totalDuration}}</dt><dd>{{totalDuration}}</dd>
<dt>{{../../w.labels.targetOrganisations}}</dt><dd>{{targetOrganisations}}</dd>
<dt>{{../../w.labels.targetPositions}}</dt><dd>{{targetPositions}}</dd>{{/if}}
</dl>
{{#if objectives.length}}
<h4>{{../../w.sections.objectives}}</h4><ol>{{#each objectives}}<li>{{this}}</li>{{/each}}</ol>
<h4>{{../../w.sections.curriculum}}</h4>
<table><tr><th>{{../../w.labels.module}}</th><th>{{../../w.labels.content}}</th><th>{{../../w.labels.method}}</th><th>{{../../w.labels.duration}}</th></tr>
{{#each modules}}<tr><td>{{title}}</td><td>{{content}}</td><td>{{method}}</td><td>{{duration}}</td></tr>{{/each}}</table>
{{else}}<p class="muted">{{../../w.noOutline}}</p>{{/if}}
</article>
{{/each}}
</section>
{{/each}}
</body>
</html>
`,
  { strict: true },
);

/** A self-contained page (no scripts, no external files) that a ministry can put on its site as is. */
export function catalogueHtml(groups: readonly CatalogueGroup[], fiscalYear: number, language: NoticeLanguage): string {
  return HTML({
    language,
    yearLabel: DOCUMENT_WORDS[language].fiscalYear(fiscalYear),
    w: DOCUMENT_WORDS[language],
    m: MESSAGES[language],
    total: groups.reduce((n, g) => n + g.entries.length, 0),
    groups: groups.map((g) => ({
      name: subjectName(g.subject, DOCUMENT_WORDS[language]),
      entries: g.entries.map((e) => entryFacts(e, language)),
    })),
  });
}
