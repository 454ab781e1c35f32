/**
 * The notices and reminders the course lifecycle asks for, as the domain
 * speaks of them: the workflow decides which to send, activities send them.
 */
import type { CourseSpec, WindowName } from './course';
import { STAFF_ROLES } from './staff';
import type { StaffRole } from './staff';

export const NOTICE_KINDS = [
  /** When the request survey opens: the course outline, what to answer, how and by when (program-rules-v1). */
  'survey-invitation',
  /** Half-way / 14 days before the survey closes, to target governments that have not answered. */
  'survey-reminder',
  /** The last eighth / 3 days before the survey closes, to those still silent. */
  'survey-final-reminder',
  /** 14 days (or half-way) before nominations close, to offered governments that have not nominated. */
  'nomination-reminder',
  /** 3 days (or the last eighth) before nominations close, to those still without nominations. */
  'nomination-final-reminder',
  /** After MOFA approves: the course is offered to the country this cycle. */
  'course-notification',
  /** The GI package: PDF outline plus .ics of key dates. */
  'general-information',
  /** Receipt of a government's nominations. */
  'nomination-acknowledgement',
  /** Outcome of selection for the country's nominees. */
  'selection-result',
  /** The cycle will not be held (scrutiny failed, too few requests, MOFA did not approve, cancelled). */
  'cycle-not-held',
  /** The course switched mode (in person / online / hybrid). */
  'mode-change',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Who besides the government receives a copy (Cc) of a notice: the Embassy of Japan and the JICA
 * overseas office of the country, as the country directory names them.
 */
export const COPY_CONTACTS = ['embassy', 'jicaOffice'] as const;
export type CopyContact = (typeof COPY_CONTACTS)[number];

export interface WindowDates {
  opens: string; // ISO-8601 with +09:00 offset
  closes: string;
}

/** What a notice needs to know about the course and its cycle; plain data, no personal data. */
export interface NoticeContext {
  /**
   * `languages` (of instruction) is optional: contexts recorded in histories and delivery
   * problems before it was passed must still render; notices then say "the course language".
   * `outline` likewise: a course created before outlines gets a GI package without them.
   */
  course: Pick<CourseSpec, 'code' | 'title' | 'subject' | 'hostCentre'> &
    Partial<Pick<CourseSpec, 'languages' | 'outline'>>;
  cycle: 1 | 2 | 3;
  fiscalYear: number;
  windows: Partial<Record<WindowName, WindowDates>>;
  mode: 'in-person' | 'online' | 'hybrid';
}

export interface DeliveryReport {
  /** country → Message-ID of the notice that was accepted by the relay or written to the outbox. */
  delivered: Record<string, string>;
  /** country → when the relay accepted it (epoch ms); absent in reports of activities that predate it. */
  deliveredAt?: Record<string, number>;
  /** country → reason the relay refused the address permanently (SMTP 5xx) or no address is known. */
  undeliverable: Record<string, string>;
}

/** Staff offices that receive reminders: the staff roles of domain/staff.ts. */
export const STAFF_OFFICES = STAFF_ROLES;
export type StaffOffice = StaffRole;

/** Message-ID shared by every attempt at one notice: the business key, never an activity id. */
export function noticeMessageId(
  courseCode: string,
  cycle: number,
  kind: string,
  recipient: string,
  domain = 'kccp.jica.example',
): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return `<${safe(courseCode)}.c${cycle}.${safe(kind)}.${safe(recipient)}@${domain}>`;
}
