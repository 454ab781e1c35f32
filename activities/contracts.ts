/**
 * The side effects the course workflow asks for. The workflow imports these
 * types only; the worker binds real implementations (mail over SMTP or the
 * outbox) and tests bind recording ones built by the same factories.
 */
import type { StaffKeys } from '../domain/staff';
import type { DocumentRecipient, HostCentreRow, ParticipantDocument } from '../domain/lifecycle/types';
import type { DeliveryReport, NoticeContext, NoticeKind, StaffOffice } from '../domain/notices';

// The vocabulary is the domain's; re-exported so activity code reads one contract.
export {
  COPY_CONTACTS,
  NOTICE_KINDS,
  STAFF_OFFICES,
  type CopyContact,
  type DeliveryReport,
  type NoticeContext,
  type NoticeKind,
  type StaffOffice,
  type WindowDates,
} from '../domain/notices';

export interface CountryNoticeRequest {
  context: NoticeContext;
  kind: NoticeKind;
  countries: string[];
  /** Per-country facts for the template, e.g. selected participants or the reason a cycle is not held. */
  details?: Record<string, Record<string, string | number | string[]>>;
  /**
   * Shared facts for every country's message. A cycle-not-held notice carries `reason` (a
   * NotHeldReason code, never shown as such) and, for a cancellation, `staffReason` (staff's words).
   */
  facts?: Record<string, string | number>;
}

export interface StaffReminderRequest {
  context: NoticeContext;
  office: StaffOffice;
  /** What is due, e.g. "scrutiny-decision", "mofa-determination", "undeliverable-countries". */
  subject: string;
  /** Deadline as ISO-8601 with offset, when the reminder is about one. */
  deadline?: string;
  /** Stable key among reminders of one cycle (e.g. "mofa-7d"): forms the Message-ID. */
  reminderKey: string;
  facts?: Record<string, string | number | string[]>;
}

/** The host centre's participant list (issue 16): the whole list each time, numbered per cycle. */
export interface HostCentreRequest {
  context: NoticeContext;
  /** 1 at selection, then one more per change: forms the Message-ID, so each change is sent once. */
  change: number;
  /** What changed, e.g. "selection made" or "Jane Wanjiru (KE) withdrew". */
  reason: string;
  participants: HostCentreRow[];
}

/** One document to each participant named (participant-documents-v1), in the participant's language. */
export interface ParticipantDocumentRequest {
  context: NoticeContext;
  document: ParticipantDocument;
  participants: DocumentRecipient[];
  /** e.g. `due`: when the action plan is due (ISO-8601 with offset). */
  facts?: Record<string, string>;
}

export interface CourseActivities {
  /** Sends one notice of `kind` to each country, skipping any already delivered on an earlier attempt. */
  notifyCountries(request: CountryNoticeRequest): Promise<DeliveryReport>;
  /** Sends the GI package (PDF + .ics) to each country. */
  sendGeneralInformation(request: Omit<CountryNoticeRequest, 'kind'>): Promise<DeliveryReport>;
  /** Reminds a staff office of a deadline or tells it of a problem. Returns the Message-ID. */
  remindStaff(request: StaffReminderRequest): Promise<string>;
  /** Sends the host centre its participant list. Returns the Message-ID. */
  notifyHostCentre(request: HostCentreRequest): Promise<string>;
  /**
   * Sends a document to each participant; the report is keyed by `DocumentRecipient.key`. An acceptance
   * letter also goes to the participant's government desk (their organisation's channel) in copy.
   */
  sendParticipantDocuments(request: ParticipantDocumentRequest): Promise<DeliveryReport>;
  /** The staff keys the worker is configured with, and whether decisions must be signed. */
  loadStaffKeys(): Promise<StaffKeys>;
}

// The domain forms it, so `kccp status` can name a host centre list's Message-ID without asking the worker.
export { noticeMessageId } from '../domain/notices';
