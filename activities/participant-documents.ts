/**
 * Documents to participants (participant-documents-v1): each participant's message in their language,
 * with the letter or certificate as a PDF. One Message-ID per participant and document, from the
 * participant's key, so a retried activity hands the relay the same message and nobody has it twice.
 */
import { createHash } from 'node:crypto';
import type { NoticeLanguage } from '../domain/reference';
import type { DocumentRecipient, ParticipantDocument } from '../domain/lifecycle/types';
import { noticeMessageId, type DeliveryReport, type ParticipantDocumentRequest } from './contracts';
import { fanOut, type CountryMail } from './delivery';
import type { CountryDirectory } from './directory';
import type { MailTransport } from './transport';
import { renderParticipantPdf } from './documents/participant-pdf';
import { formatDate, formatDeadline, formatWindow } from './templates/dates';
import { PARTICIPANT_WORDS, type ParticipantView, type ParticipantWords } from './templates/participant-words';

export interface ParticipantDocumentDeps {
  transport: MailTransport;
  directory: CountryDirectory;
  from: string;
  concurrency: number;
  languageOf(country: string): NoticeLanguage;
}

/** The Message-ID's recipient part: the country and a digest of the name (names in any script, never in clear). */
export const participantMessageRecipient = (key: string): string => {
  const [country] = key.split(':');
  return `${country}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
};

export const participantMessageId = (courseCode: string, cycle: number, document: ParticipantDocument, key: string) =>
  noticeMessageId(courseCode, cycle, document, participantMessageRecipient(key));

const regionNames = new Map<NoticeLanguage, Intl.DisplayNames>();
function countryName(code: string, language: NoticeLanguage): string {
  let names = regionNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    regionNames.set(language, names);
  }
  return names.of(code) ?? code;
}

function viewOf(request: ParticipantDocumentRequest, p: DocumentRecipient, language: NoticeLanguage): ParticipantView {
  const { context } = request;
  const w = PARTICIPANT_WORDS[language];
  const inJapan = context.windows.inJapan;
  return {
    name: p.name,
    organization: p.organization,
    country: countryName(p.country, language),
    title: context.course.title,
    code: context.course.code,
    fiscalYear: context.fiscalYear,
    hostCentre: context.course.hostCentre,
    inJapan: inJapan ? formatWindow(inJapan, language, w.from) : '',
    arrival: inJapan ? formatDate(inJapan.opens, language) : '',
    due: request.facts?.due ? formatDeadline(request.facts.due, language, '').trim() : '',
  };
}

function wording(document: ParticipantDocument, w: ParticipantWords, v: ParticipantView) {
  switch (document) {
    case 'acceptance-letter':
      return { subject: w.letter.subject(v), lines: [w.dear(v), ...w.letter.body(v), w.attached] };
    case 'certificate':
      return { subject: w.certificate.subject(v), lines: [w.dear(v), w.certificate.subject(v), w.attached] };
    case 'joining-instructions':
      return {
        subject: w.joining.subject(v),
        lines: [w.dear(v), ...w.joining.body(v), ...w.joining.bring.map((b) => `- ${b}`)],
      };
    case 'action-plan-request':
    case 'action-plan-reminder':
    case 'action-plan-final-reminder': {
      const subject =
        document === 'action-plan-request'
          ? w.actionPlan.requestSubject(v)
          : document === 'action-plan-reminder'
            ? w.actionPlan.reminderSubject(v)
            : w.actionPlan.finalSubject(v);
      return { subject, lines: [w.dear(v), ...w.actionPlan.body(v)] };
    }
  }
}

export function createParticipantDocumentSender(deps: ParticipantDocumentDeps) {
  return async function sendParticipantDocuments(request: ParticipantDocumentRequest): Promise<DeliveryReport> {
    const { context, document } = request;
    const byKey = new Map(request.participants.map((p) => [p.key, p]));
    const compose = async (key: string): Promise<CountryMail> => {
      const p = byKey.get(key)!;
      if (!p.email) return { undeliverable: 'no e-mail address on the application form' };
      // The form's choice first, else the country's language as the directory gives it.
      const language = p.language ?? deps.languageOf(p.country);
      const w = PARTICIPANT_WORDS[language];
      const view = viewOf(request, p, language);
      const { subject, lines } = wording(document, w, view);
      const messageId = participantMessageId(context.course.code, context.cycle, document, key);
      const pdf = document === 'acceptance-letter' || document === 'certificate';
      // The organisation hears of the acceptance through its government desk, as the selection result goes.
      const cc =
        document === 'acceptance-letter'
          ? [
              ...(deps.directory.entry(p.country)?.addresses ?? []),
              ...deps.directory.copies('selection-result', p.country).flatMap((o) => o.addresses),
            ]
          : [];
      const stem = `${context.course.code}-JFY${context.fiscalYear}-c${context.cycle}-${document}-${language}`;
      return {
        message: {
          from: deps.from,
          to: [p.email],
          ...(cc.length ? { cc } : {}),
          subject,
          text: [...lines, '', w.closing].join('\n\n'),
          messageId,
          headers: {
            'Content-Language': language,
            'X-KCCP-Course': context.course.code,
            'X-KCCP-Document': document,
          },
          attachments: pdf
            ? [
                {
                  filename: `${stem}.pdf`,
                  content: await renderParticipantPdf(document, view, language),
                  contentType: 'application/pdf',
                },
              ]
            : [],
        },
        outboxPath: [context.course.code, `c${context.cycle}`, document, participantMessageRecipient(key)],
      };
    };
    return fanOut({
      countries: request.participants.map((p) => p.key),
      concurrency: deps.concurrency,
      transport: deps.transport,
      compose,
      label: `${document} of ${context.course.code} cycle ${context.cycle}`,
    });
  };
}
