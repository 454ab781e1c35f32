/**
 * The words of every notice, per language. Each language file is data: strings
 * with Handlebars placeholders over the view that render.ts builds
 * ({{course.title}}, {{cycle}}, {{fiscalYear}}, {{modeLabel}}, {{nominationsClose}},
 * {{facts.reason}}, {{count}}, {{countryName}}, {{authority}}, {{deadline}}, {{office}}, {{subject}}).
 */
import type { WindowName } from '../../../domain/course';
import type { NoticeKind } from '../../contracts';

export interface NoticeText {
  subject: string;
  paragraphs: string[];
  /** Heading over the list of names the notice carries (selected participants, nominees received). */
  listTitle?: string;
}

export interface NoticeMessages {
  /** First line: who the notice is for. */
  addressee: string;
  greeting: string;
  closing: string[];
  footer: string;
  /** Appended to every date-time: dates are decided in Japan time. */
  timeZoneSuffix: string;
  labels: {
    course: string;
    subject: string;
    hostCentre: string;
    fiscalYearCycle: string;
    mode: string;
    keyDates: string;
    from: string;
    to: string;
    facts: string;
    deadline: string;
  };
  modes: Record<'in-person' | 'online' | 'hybrid', string>;
  windows: Record<WindowName, string>;
  kinds: Record<NoticeKind, NoticeText>;
  /** Said in the GI mail when its PDF could not be written in this language. */
  pdfInEnglishNote: string;
  staffReminder: NoticeText;
  pdf: {
    heading: string;
    eligibilityTitle: string;
    eligibility: string;
    nominationTitle: string;
    nomination: string;
    calendarNote: string;
  };
  ics: { deadlineTitle: string };
}
