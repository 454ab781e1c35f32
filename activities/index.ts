/**
 * The course activities the worker registers: notices and GI packages to
 * governments, reminders to staff. Built by a factory that receives its
 * transport and contacts, so tests hand it a real SMTP transport on loopback
 * or the outbox without mocking modules.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { countryInfo, isEligibleCountry } from '../domain/countries';
import type { NoticeLanguage } from '../domain/reference';
import { noticeMessageId, type CountryNoticeRequest, type CourseActivities, type DeliveryReport } from './contracts';
import { describeDelivery, loadMailConfig, type MailConfig } from './config';
import { classifyDeliveryError, fanOut, type CountryMail } from './delivery';
import { loadCountryDirectory, loadStaffRoster, type CountryDirectory, type StaffRoster } from './directory';
import { GiPackageDataError, renderGiAttachments, type GiAttachment } from './gi-package';
import { checkNoticeRequest, checkReminderRequest } from './notice-data';
import { renderCountryNotice, renderStaffReminder } from './templates/render';
import { createMailTransport, type MailTransport } from './transport';
import { staffKeysFileFromEnv } from '../platform/staff-keys';
import { createStaffKeyActivities } from './staff-keys';
import { FAILURE } from '../domain/failures';
import { loadHostCentres, type HostCentreContact } from './host-centres';
import { renderHostCentreList } from './templates/host-centre';
import { createParticipantDocumentSender } from './participant-documents';

export { loadMailConfig, describeDelivery, MailConfigError, type MailConfig } from './config';
export {
  loadCountryDirectory,
  loadStaffRoster,
  parseCountryDirectory,
  parseStaffRoster,
  ContactFileError,
  DEFAULT_COPIES,
} from './directory';
export type { CountryDirectory, DirectoryEntry, OfficeContact, StaffRoster } from './directory';
export { createMailTransport, createOutboxTransport, createSmtpTransport, type MailTransport } from './transport';
export { loadStaffKeysFile, staffKeysFileFromEnv, StaffKeysFileError } from '../platform/staff-keys';

export interface CourseActivityDeps {
  transport: MailTransport;
  directory: CountryDirectory;
  roster: StaffRoster;
  /** From header, e.g. "JICA KCCP <kccp@kccp.jica.example>". */
  from: string;
  /** Messages in flight at once during a fan-out; match the SMTP pool size. */
  concurrency?: number;
  /** Public keys of staff allowed to sign decisions; none means decisions go unsigned (local use). */
  staffKeysFile?: string;
  /** Where each host centre's participant lists go; the shipped data/host-centres.json when absent. */
  hostCentres?: ReadonlyMap<string, HostCentreContact>;
}

const DEFAULT_CONCURRENCY = 8;

export function createCourseActivities(deps: CourseActivityDeps): CourseActivities {
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;

  const languageOf = (country: string): NoticeLanguage =>
    deps.directory.entry(country)?.language ?? countryInfo(country)?.language ?? 'en';

  /** One country's message, or why it cannot have one. */
  function countryMail(
    request: CountryNoticeRequest,
    country: string,
    attachments: (language: NoticeLanguage) => Promise<{ files: GiAttachment[]; note?: string }>,
  ): () => Promise<CountryMail> {
    return async () => {
      const entry = deps.directory.entry(country);
      if (!isEligibleCountry(country)) return { undeliverable: 'not an eligible country' };
      if (!entry || entry.addresses.length === 0) return { undeliverable: 'no contact address' };
      const { context, kind } = request;
      const messageId = noticeMessageId(context.course.code, context.cycle, kind, country);
      const language = languageOf(country);
      const { files, note } = await attachments(language);
      const body = renderCountryNotice({
        kind,
        context,
        country,
        language,
        authority: entry.authority,
        messageId,
        details: request.details?.[country],
        facts: request.facts,
        note,
      });
      // The copies ride on the government's message: one Message-ID, so each office has it once too.
      const cc = deps.directory.copies(kind, country).flatMap((office) => office.addresses);
      return {
        message: {
          from: deps.from,
          to: entry.addresses,
          ...(cc.length ? { cc } : {}),
          subject: body.subject,
          text: body.text,
          html: body.html,
          messageId,
          headers: {
            'Content-Language': language,
            'X-KCCP-Course': context.course.code,
            'X-KCCP-Notice': kind,
          },
          attachments: files,
        },
        outboxPath: [context.course.code, `c${context.cycle}`, kind, country],
      };
    };
  }

  async function deliver(
    request: CountryNoticeRequest,
    attachments: Parameters<typeof countryMail>[2],
  ): Promise<DeliveryReport> {
    checkNoticeRequest(request);
    const composers = new Map(request.countries.map((c) => [c, countryMail(request, c, attachments)]));
    return fanOut({
      countries: request.countries,
      concurrency,
      transport: deps.transport,
      compose: (country) => composers.get(country)!(),
      label: `${request.kind} of ${request.context.course.code} cycle ${request.context.cycle}`,
    });
  }

  async function sendGeneralInformation(request: Omit<CountryNoticeRequest, 'kind'>): Promise<DeliveryReport> {
    const full: CountryNoticeRequest = {
      ...request,
      kind: 'general-information',
    };
    checkNoticeRequest(full);
    // Render each language's package once, before any mail leaves: a rendering bug must fail before the first send.
    const packages = new Map<NoticeLanguage, { files: GiAttachment[]; note?: string }>();
    try {
      for (const language of new Set(request.countries.map(languageOf))) {
        packages.set(language, await renderGiAttachments(full.context, language));
      }
    } catch (err) {
      if (err instanceof GiPackageDataError || err instanceof RangeError) {
        throw ApplicationFailure.nonRetryable(
          `GI package of ${request.context.course.code}: ${err.message}`,
          FAILURE.InvalidNoticeData,
        );
      }
      throw err;
    }
    return deliver(full, async (language) => packages.get(language)!);
  }

  return {
    ...createStaffKeyActivities(deps.staffKeysFile),

    // The worker calls activities without a receiver, so none of them may use `this`.
    async notifyCountries(request) {
      if (request.kind === 'general-information') return sendGeneralInformation(request);
      return deliver(request, async () => ({ files: [] }));
    },

    sendGeneralInformation,

    sendParticipantDocuments: createParticipantDocumentSender({
      transport: deps.transport,
      directory: deps.directory,
      from: deps.from,
      concurrency,
      languageOf,
    }),

    async notifyHostCentre(request) {
      const { context } = request;
      const centre = (deps.hostCentres ?? loadHostCentres()).get(context.course.hostCentre);
      if (!centre) {
        throw ApplicationFailure.nonRetryable(
          `host centre ${context.course.hostCentre}: no address in the host centre file (data/host-centres.json)`,
          FAILURE.StaffAddressRejected,
        );
      }
      const messageId = noticeMessageId(
        context.course.code,
        context.cycle,
        `host-centre-list-${request.change}`,
        'host-centre',
      );
      const body = renderHostCentreList(request, centre.language);
      try {
        await deps.transport.send({
          message: {
            from: deps.from,
            to: centre.addresses,
            subject: body.subject,
            text: body.text,
            messageId,
            headers: { 'Content-Language': centre.language, 'X-KCCP-Course': context.course.code },
          },
          outboxPath: [context.course.code, `c${context.cycle}`, 'host-centre', `list-${request.change}`],
        });
      } catch (err) {
        const c = classifyDeliveryError(err);
        if (c.kind === 'permanent')
          throw ApplicationFailure.nonRetryable(
            `host centre ${centre.name}: ${c.reason}`,
            FAILURE.StaffAddressRejected,
          );
        throw err;
      }
      return messageId;
    },

    async remindStaff(request) {
      checkReminderRequest(request);
      const office = deps.roster[request.office];
      const { context } = request;
      const messageId = noticeMessageId(
        context.course.code,
        context.cycle,
        `staff-${request.reminderKey}`,
        request.office,
      );
      const body = renderStaffReminder(request, office.language, messageId);
      try {
        await deps.transport.send({
          message: {
            from: deps.from,
            to: office.addresses,
            subject: body.subject,
            text: body.text,
            html: body.html,
            messageId,
            headers: {
              'Content-Language': office.language,
              'X-KCCP-Course': context.course.code,
              'X-KCCP-Reminder': request.reminderKey,
            },
          },
          outboxPath: [context.course.code, `c${context.cycle}`, 'staff', request.office, request.reminderKey],
        });
      } catch (err) {
        const c = classifyDeliveryError(err);
        // A staff address the relay rejects is a roster error: retrying cannot fix it, an operator must.
        if (c.kind === 'permanent')
          throw ApplicationFailure.nonRetryable(
            `reminder to ${request.office}: ${c.reason}`,
            FAILURE.StaffAddressRejected,
          );
        throw err;
      }
      return messageId;
    },
  };
}

export interface CourseMail {
  /** Register these with the worker: `activities: mail.activities`. */
  activities: CourseActivities;
  config: MailConfig;
  /** Where mail goes, for the start-up log line; carries no secret. */
  description: string;
  /** Contacts still marked placeholder, for the start-up warning: mail to them reaches nobody real. */
  placeholders: string[];
  /** Closes the SMTP pool; await it when the worker drains. */
  close(): Promise<void>;
}

/** Reads the mail configuration, contacts and roster once; throws naming the variable, file, row or field that is wrong. */
export function createCourseActivitiesFromEnv(env: NodeJS.ProcessEnv = process.env): CourseMail {
  const config = loadMailConfig(env);
  const directory = loadCountryDirectory(config.directoryPath);
  const roster = loadStaffRoster(config.rosterPath);
  const hostCentres = loadHostCentres(env.HOST_CENTRES_PATH || undefined);
  const transport = createMailTransport(config);
  return {
    activities: createCourseActivities({
      transport,
      directory,
      roster,
      from: config.from,
      concurrency: config.concurrency,
      staffKeysFile: staffKeysFileFromEnv(env),
      hostCentres,
    }),
    config,
    description: describeDelivery(config),
    placeholders: [
      ...directory.placeholders(),
      ...[...hostCentres.values()].filter((c) => c.placeholder).map((c) => `host centre ${c.name}`),
    ],
    close: () => transport.close(),
  };
}
