/**
 * Turns a notice request into the subject, plain-text and HTML bodies of one
 * country's (or one staff office's) message, in its language.
 */
import Handlebars from 'handlebars';
import { countryName } from '../../domain/countries';
import { outlineIn } from '../../domain/course-outline';
import type { WindowName } from '../../domain/course';
import type { NoticeLanguage } from '../../domain/reference';
import type { NoticeContext, NoticeKind, StaffReminderRequest } from '../contracts';
import { formatDeadline, formatWindow } from './dates';
import { languageWords } from './languages';
import { HTML_LAYOUT, TEXT_LAYOUT } from './layout';
import { MESSAGES, type NoticeMessages, type NoticeText } from './messages';
import type { NotHeldReasonCode } from './messages/types';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

type Detail = string | number | string[];

/** Windows a government acts on or attends; the internal ones (scrutiny, MOFA…) stay out of its mail. */
export const GOVERNMENT_WINDOWS: readonly WindowName[] = [
  'nominations',
  'selection',
  'preArrival',
  'inJapan',
  'postReturn',
];

const handlebars = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Words are rendered unescaped; the HTML layout escapes each value once when it places it. */
function fill(template: string, view: object, escape = false): string {
  const key = `${escape ? 'h' : 't'}:${template}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = handlebars.compile(template, { noEscape: !escape });
    compiled.set(key, fn);
  }
  return fn(view);
}

function keyDates(context: NoticeContext, language: NoticeLanguage, which: readonly WindowName[]) {
  const m = MESSAGES[language];
  return which.flatMap((name) => {
    const w = context.windows[name];
    if (!w) return [];
    return [{ label: m.windows[name], value: formatWindow(w, language, m.labels) }];
  });
}

/** The course at a glance; a cycle that will not be held shows no mode or languages, which no longer apply. */
function summary(context: NoticeContext, m: NoticeMessages, language: NoticeLanguage, held = true) {
  const languages = languageWords(context.course.languages, language);
  const rows = [
    {
      label: m.labels.course,
      value: `${context.course.title} (${context.course.code})`,
    },
    { label: m.labels.subject, value: context.course.subject },
    { label: m.labels.hostCentre, value: context.course.hostCentre },
    {
      label: m.labels.fiscalYearCycle,
      value: `JFY${context.fiscalYear} / ${context.cycle}`,
    },
  ];
  if (!held) return rows;
  rows.push({ label: m.labels.mode, value: m.modes[context.mode] });
  if (languages) rows.push({ label: m.labels.languages, value: languages.all });
  return rows;
}

/** The view the language files' placeholders read. */
export function noticeView(context: NoticeContext, language: NoticeLanguage) {
  const m = MESSAGES[language];
  const nominations = context.windows.nominations;
  const survey = context.windows.requestSurvey;
  return {
    course: context.course,
    cycle: context.cycle,
    fiscalYear: context.fiscalYear,
    modeLabel: m.modes[context.mode],
    languages: languageWords(context.course.languages, language),
    nominationsClose: nominations ? formatDeadline(nominations.closes, language, m.timeZoneSuffix) : undefined,
    surveyClose: survey ? formatDeadline(survey.closes, language, m.timeZoneSuffix) : undefined,
    outline: outlineView(context, language),
  };
}

/** What the survey invitation says of the outline, in the reader's translation where staff wrote one. */
function outlineView(context: NoticeContext, language: NoticeLanguage) {
  if (!context.course.outline) return undefined;
  const { outline } = outlineIn(context.course.outline, context.course.title, language);
  return {
    totalDays: outline.totalDays,
    perCountry: outline.participants.perCountry,
    targetOrganisations: outline.targetOrganisations.join('; '),
    objectives: outline.objectives,
  };
}

/** Notices about the request survey: the survey's own window leads their key dates. */
const SURVEY_KINDS: readonly NoticeKind[] = ['survey-invitation', 'survey-reminder', 'survey-final-reminder'];

function layout(language: NoticeLanguage, parts: Record<string, unknown> & { subject: string }): RenderedMessage {
  return {
    subject: parts.subject,
    text: fill(TEXT_LAYOUT, parts),
    html: fill(HTML_LAYOUT, parts, true),
  };
}

const paragraphs = (text: NoticeText, view: object) => text.paragraphs.map((p) => fill(p, view).trim()).filter(Boolean);

/**
 * Why a cycle is not held, in the reader's words: the code picks a sentence
 * and is never shown; the staff's own reason is quoted for a cancellation only,
 * since for the other codes staff words may name internal results.
 */
export function notHeldWords(facts: Record<string, string | number>, language: NoticeLanguage) {
  const words = MESSAGES[language].notHeld;
  const code = String(facts.reason ?? '');
  const known = Object.hasOwn(words.reasons, code);
  const staffReason = code === 'cancelled' && typeof facts.staffReason === 'string' ? facts.staffReason.trim() : '';
  return {
    reason: known ? words.reasons[code as NotHeldReasonCode] : words.otherReason,
    staffReason: staffReason ? fill(words.staffReason, { staffReason }) : '',
  };
}

export interface CountryNoticeInput {
  kind: NoticeKind;
  context: NoticeContext;
  country: string;
  language: NoticeLanguage;
  authority?: string;
  messageId: string;
  details?: Record<string, Detail>;
  facts?: Record<string, string | number>;
  /** Extra sentence, e.g. that the attached PDF is in English. */
  note?: string;
}

export function renderCountryNotice(input: CountryNoticeInput): RenderedMessage {
  const m = MESSAGES[input.language];
  const text = m.kinds[input.kind];
  const names =
    input.kind === 'selection-result'
      ? input.details?.selected
      : input.kind === 'nomination-acknowledgement'
        ? input.details?.nominees
        : input.kind === 'survey-invitation'
          ? outlineView(input.context, input.language)?.objectives
          : undefined;
  const items = Array.isArray(names) ? names : [];
  const count = typeof input.details?.count === 'number' ? input.details.count : items.length;
  // A cycle that will not be held has no dates left to act on: nominations, selection and the course itself are off.
  const notHeld = input.kind === 'cycle-not-held';
  const view = {
    ...noticeView(input.context, input.language),
    countryName: countryName(input.country, input.language),
    authority: input.authority,
    messageId: input.messageId,
    facts: input.facts ?? {},
    details: input.details ?? {},
    count,
    notHeld: notHeld ? notHeldWords(input.facts ?? {}, input.language) : undefined,
  };
  return layout(input.language, {
    language: input.language,
    subject: fill(text.subject, view),
    addressee: fill(m.addressee, view),
    greeting: m.greeting,
    paragraphs: paragraphs(text, view),
    note: input.note,
    list: { title: text.listTitle, items },
    summary: summary(input.context, m, input.language, !notHeld),
    keyDatesTitle: m.labels.keyDates,
    keyDates: notHeld
      ? []
      : keyDates(
          input.context,
          input.language,
          SURVEY_KINDS.includes(input.kind) ? ['requestSurvey', ...GOVERNMENT_WINDOWS] : GOVERNMENT_WINDOWS,
        ),
    closing: m.closing,
    footer: fill(m.footer, view),
  });
}

const factValue = (v: Detail) => (Array.isArray(v) ? v.join(', ') : String(v));

export function renderStaffReminder(
  request: StaffReminderRequest,
  language: NoticeLanguage,
  messageId: string,
): RenderedMessage {
  const m = MESSAGES[language];
  const view = {
    ...noticeView(request.context, language),
    office: request.office,
    subject: request.subject,
    deadline: request.deadline ? formatDeadline(request.deadline, language, m.timeZoneSuffix) : undefined,
    messageId,
  };
  return layout(language, {
    language,
    subject: fill(m.staffReminder.subject, view),
    paragraphs: paragraphs(m.staffReminder, view),
    summary: summary(request.context, m, language),
    keyDatesTitle: m.labels.keyDates,
    keyDates: keyDates(request.context, language, Object.keys(request.context.windows) as WindowName[]),
    factsTitle: m.labels.facts,
    facts: Object.entries(request.facts ?? {}).map(([label, value]) => ({
      label,
      value: factValue(value),
    })),
    footer: fill(m.footer, view),
  });
}

/** The title of the nomination deadline event in the .ics. */
export function deadlineTitle(context: NoticeContext, language: NoticeLanguage): string {
  return fill(MESSAGES[language].ics.deadlineTitle, noticeView(context, language));
}

export function fillText(template: string, view: object): string {
  return fill(template, view);
}
