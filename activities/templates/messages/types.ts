/**
 * The words of every notice, per language. Each language file is data: strings
 * with Handlebars placeholders over the view that render.ts builds
 * ({{course.title}}, {{cycle}}, {{fiscalYear}}, {{modeLabel}}, {{nominationsClose}},
 * {{languages.all}}, {{languages.any}}, {{notHeld.reason}}, {{notHeld.staffReason}}, {{count}},
 * {{countryName}}, {{authority}}, {{deadline}}, {{office}}, {{subject}}).
 */
import type { WindowName } from '../../../domain/course';
import type { NotHeldReason } from '../../../domain/lifecycle/types';
import type { NoticeKind } from '../../contracts';

/**
 * Every code a cycle-not-held notice may carry. 'no-plan' (formulation closed
 * without a plan) is named here as well so the wording exists the day the
 * lifecycle adds the code; the union is the same type before and after.
 */
export type NotHeldReasonCode = NotHeldReason | 'no-plan';

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
    /** Row of the course summary naming its languages of instruction. */
    languages: string;
  };
  modes: Record<'in-person' | 'online' | 'hybrid', string>;
  windows: Record<WindowName, string>;
  kinds: Record<NoticeKind, NoticeText>;
  /**
   * What a government reads about why a cycle is not held: plain words, never
   * the code, and nothing of internal bodies' results (scrutiny, MOFA).
   */
  notHeld: {
    reasons: Record<NotHeldReasonCode, string>;
    /** For a code this table does not know yet: still plain words. */
    otherReason: string;
    /** Introduces the staff's own words for a cancellation, e.g. "typhoon". */
    staffReason: string;
  };
  staffReminder: NoticeText;
  pdf: {
    /** Names the course's languages when the context carries them ({{languages.any}}). */
    eligibility: string;
    /** Said when the context does not carry the languages (contexts recorded before they were passed). */
    eligibilityAnyLanguage: string;
    nomination: string;
    calendarNote: string;
  };
  ics: { deadlineTitle: string };
}
