/**
 * The two ways a message leaves the worker: a pooled SMTP relay, or the
 * outbox folder of .eml files that a person can open when no relay is set.
 * Both build the message with nodemailer, so the outbox shows exactly what the
 * relay would have received.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { MailConfig, OutboxSettings, SmtpSettings } from './config';

export interface OutgoingMail {
  message: Mail.Options & { messageId: string };
  /** Folder segments and file stem under the outbox, e.g. ["KCCP-2027-AGR-01", "c1", "course-notification", "KE"]. */
  outboxPath: string[];
}

export interface SentMail {
  accepted: string[];
  rejected: string[];
  /** Where the outbox wrote it; undefined for SMTP. */
  file?: string;
}

export interface MailTransport {
  readonly mode: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}

const addressesOf = (list: unknown): string[] =>
  Array.isArray(list)
    ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? a)))
    : [];

export function createSmtpTransport(
  settings: Omit<SmtpSettings, 'mode'>,
  opts: { concurrency: number; timeoutMs: number },
): MailTransport {
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: opts.concurrency,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: settings.auth,
    connectionTimeout: opts.timeoutMs,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs * 2,
  });
  return {
    mode: 'smtp',
    async send({ message }) {
      const info = await transporter.sendMail(message);
      return {
        accepted: addressesOf(info.accepted),
        rejected: addressesOf(info.rejected),
      };
    },
    async close() {
      transporter.close();
    },
  };
}

/** A path segment that cannot climb out of the outbox or upset a file system. */
const safeSegment = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+/, '_') || '_';

export function createOutboxTransport(settings: Omit<OutboxSettings, 'mode'>): MailTransport {
  const transporter = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  const root = path.resolve(settings.dir);
  return {
    mode: 'outbox',
    async send({ message, outboxPath }) {
      const info = await transporter.sendMail(message);
      const segments = outboxPath.map(safeSegment);
      const file = path.join(root, ...segments.slice(0, -1), `${segments[segments.length - 1]}.eml`);
      await mkdir(path.dirname(file), { recursive: true });
      // Rename is atomic: a retried attempt replaces the file whole, so the outbox holds each notice once.
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, info.message as Buffer);
      await rename(partial, file);
      const to = addressesOf(([] as unknown[]).concat(message.to ?? []));
      return { accepted: to, rejected: [], file };
    },
    async close() {
      transporter.close();
    },
  };
}

export function createMailTransport(config: MailConfig): MailTransport {
  const d = config.delivery;
  return d.mode === 'smtp'
    ? createSmtpTransport(d, {
        concurrency: config.concurrency,
        timeoutMs: config.timeoutMs,
      })
    : createOutboxTransport(d);
}
