/**
 * Fan-out of one notice to many countries inside one activity, exactly once.
 *
 * Every attempt uses the same Message-ID per country, and the countries
 * already handed to the relay are heartbeated; a retried attempt starts from
 * the last heartbeat and skips them, so a relay outage mid-fan-out never sends
 * a government the same notice twice.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { DeliveryReport } from './contracts';
import type { MailTransport, OutgoingMail } from './transport';
import { inLanes } from '../platform/concurrency';
import { FAILURE } from '../domain/failures';

/** What a country's delivery needs: its message, or why it has none. */
export type CountryMail = OutgoingMail | { undeliverable: string };

export type DeliveryErrorClass =
  { kind: 'permanent'; reason: string } | { kind: 'transient'; reason: string; outage: boolean };

interface SmtpLikeError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

const OUTAGE_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNREFUSED',
  'ECONNRESET',
  'EDNS',
  'ETLS',
  'EPIPE',
]);

/**
 * A relay's 5xx about the recipient or the message is permanent for that
 * country; a 5xx about our login is not the government's fault and is treated
 * as an outage an operator fixes. Everything else (4xx, refused, timed out) is
 * transient.
 */
export function classifyDeliveryError(err: unknown): DeliveryErrorClass {
  const e = (err ?? {}) as SmtpLikeError;
  const text = (e.response ?? e.message ?? String(err)).trim();
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.code !== 'EAUTH') {
    return { kind: 'permanent', reason: `relay refused: ${text}` };
  }
  const outage = (e.code !== undefined && OUTAGE_CODES.has(e.code)) || e.code === 'EAUTH' || e.responseCode === 421;
  return { kind: 'transient', reason: text, outage };
}

/** The activity's context, or undefined when the function is called directly (unit tests, scripts). */
export function currentActivity(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

export function emptyReport(): DeliveryReport {
  return { delivered: {}, undeliverable: {} };
}

/** Progress recorded by an earlier attempt, if its heartbeat holds one. */
export function resumedProgress(context: Context | undefined): DeliveryReport {
  const details: unknown = context?.info.heartbeatDetails;
  const d = details as Partial<DeliveryReport> | undefined;
  const isMap = (v: unknown): v is Record<string, string> =>
    !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
  if (!d || !isMap(d.delivered) || !isMap(d.undeliverable)) return emptyReport();
  const times = d.deliveredAt;
  const isTimes = !!times && typeof times === 'object' && Object.values(times).every((x) => typeof x === 'number');
  return {
    delivered: { ...d.delivered },
    ...(isTimes ? { deliveredAt: { ...times } } : {}),
    undeliverable: { ...d.undeliverable },
  };
}

export interface FanOutOptions {
  countries: readonly string[];
  concurrency: number;
  transport: MailTransport;
  /** Builds a country's message; throwing here is a bug in the data and fails the activity. */
  compose(country: string): Promise<CountryMail>;
  /** Names the notice in the retryable failure, e.g. "course-notification for KCCP-2027-AGR-01 c1". */
  label: string;
}

export async function fanOut(options: FanOutOptions): Promise<DeliveryReport> {
  const context = currentActivity();
  const report = resumedProgress(context);
  const heartbeat = () =>
    context?.heartbeat({
      delivered: report.delivered,
      deliveredAt: report.deliveredAt,
      undeliverable: report.undeliverable,
    });

  const pending = [...new Set(options.countries)].filter(
    (c) => !(c in report.delivered) && !(c in report.undeliverable),
  );
  const transient: Record<string, string> = {};
  let outage = false;

  const deliverOne = async (country: string) => {
    const mail = await options.compose(country);
    if ('undeliverable' in mail) {
      report.undeliverable[country] = mail.undeliverable;
      return;
    }
    try {
      const sent = await options.transport.send(mail);
      // Delivered means the government has it: a copy accepted for the embassy alone does not count.
      const government = ([] as unknown[]).concat(mail.message.to ?? []).map((a) => String(a).toLowerCase());
      if (!sent.accepted.some((a) => government.includes(a.toLowerCase()))) {
        report.undeliverable[country] = `relay accepted no recipient (rejected: ${sent.rejected.join(', ')})`;
      } else {
        report.delivered[country] = mail.message.messageId;
        // When the relay took it: `kccp status --notices` shows who was told what and when.
        (report.deliveredAt ??= {})[country] = Date.now();
      }
    } catch (err) {
      const c = classifyDeliveryError(err);
      if (c.kind === 'permanent') report.undeliverable[country] = c.reason;
      else {
        transient[country] = c.reason;
        // The relay is down or refuses us: the other countries would fail the same way, so leave them for the retry.
        if (c.outage) outage = true;
      }
    }
  };

  await inLanes(
    pending,
    Math.max(1, options.concurrency),
    async (country) => {
      await deliverOne(country);
      heartbeat();
    },
    () => outage || context?.cancellationSignal.aborted === true,
  );
  heartbeat();

  const left = pending.filter((c) => !(c in report.delivered) && !(c in report.undeliverable));
  if (left.length > 0) {
    const reason: unknown = context?.cancellationSignal.aborted ? context.cancellationSignal.reason : undefined;
    if (reason instanceof Error) throw reason;
    const first = Object.entries(transient)[0];
    const why = first ? `${first[0]}: ${first[1]}` : 'the activity was cancelled';
    throw ApplicationFailure.create({
      type: FAILURE.MailRelayUnavailable,
      message: `${options.label}: ${left.length} of ${pending.length} countries not yet delivered (${why}); ${Object.keys(report.delivered).length} delivered are kept for the retry`,
      nonRetryable: false,
      details: [
        {
          delivered: report.delivered,
          undeliverable: report.undeliverable,
          pending: left,
        },
      ],
    });
  }
  return report;
}
