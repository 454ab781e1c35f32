/**
 * A recording implementation of the course activities for workflow tests: it
 * keeps every notice and reminder asked for and answers like a relay that
 * accepted them, with the same Message-IDs the real mail activities use.
 */
import type {
  HostCentreRequest,
  CountryNoticeRequest,
  CourseActivities,
  DeliveryReport,
  ParticipantDocumentRequest,
  StaffReminderRequest,
} from '../../activities/contracts';
import { noticeMessageId } from '../../activities/contracts';
import type { StaffKeys } from '../../domain/staff';

export interface RecordedNotice {
  course: string;
  cycle: number;
  kind: string;
  country: string;
  messageId: string;
  /** The shared facts the notice carried (e.g. why a cycle is not held). */
  facts?: Record<string, string | number>;
  /** The course's languages of instruction, as the notice context carried them. */
  languages?: string[];
}

export interface RecordingActivities extends CourseActivities {
  notices: RecordedNotice[];
  reminders: StaffReminderRequest[];
  /** Host centre participant lists, in the order sent. */
  hostCentreLists: HostCentreRequest[];
  /** Documents to participants, one request per call (participant-documents-v1). */
  documents: ParticipantDocumentRequest[];
  /** Countries whose address the fake relay refuses permanently. */
  refuse: Set<string>;
  /** Staff keys the worker hands to courses; unenforced unless a test sets them. */
  staffKeys: StaffKeys;
}

export function createRecordingActivities(): RecordingActivities {
  const notices: RecordedNotice[] = [];
  const reminders: StaffReminderRequest[] = [];
  const hostCentreLists: HostCentreRequest[] = [];
  const documents: ParticipantDocumentRequest[] = [];
  const refuse = new Set<string>();
  const send = async (request: CountryNoticeRequest): Promise<DeliveryReport> => {
    const report: DeliveryReport = { delivered: {}, undeliverable: {} };
    for (const country of request.countries) {
      if (refuse.has(country)) {
        report.undeliverable[country] = '550 mailbox unavailable';
        continue;
      }
      const messageId = noticeMessageId(request.context.course.code, request.context.cycle, request.kind, country);
      notices.push({
        course: request.context.course.code,
        cycle: request.context.cycle,
        kind: request.kind,
        country,
        messageId,
        facts: request.facts,
        languages: request.context.course.languages,
      });
      report.delivered[country] = messageId;
      // As the real fan-out does: when the relay took it, for `kccp status --notices`.
      (report.deliveredAt ??= {})[country] = Date.now();
    }
    return report;
  };
  const recording: RecordingActivities = {
    notices,
    reminders,
    hostCentreLists,
    documents,
    refuse,
    staffKeys: { enforce: false, keys: [] },
    async loadStaffKeys() {
      return recording.staffKeys;
    },
    notifyCountries: send,
    sendGeneralInformation: (request) => send({ ...request, kind: 'general-information' }),
    async notifyHostCentre(request) {
      hostCentreLists.push(request);
      const { code } = request.context.course;
      return noticeMessageId(code, request.context.cycle, `host-centre-list-${request.change}`, 'host-centre');
    },
    async sendParticipantDocuments(request) {
      documents.push(request);
      const { code } = request.context.course;
      const delivered = Object.fromEntries(
        request.participants.map((p) => [p.key, noticeMessageId(code, request.context.cycle, request.document, p.key)]),
      );
      return { delivered, undeliverable: {} };
    },
    async remindStaff(request) {
      reminders.push(request);
      return noticeMessageId(
        request.context.course.code,
        request.context.cycle,
        `reminder-${request.reminderKey}`,
        request.office,
      );
    },
  };
  return recording;
}
