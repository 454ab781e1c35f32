/**
 * A loopback SMTP sink for fault tests: it accepts every message, keeps only
 * its headers (Message-ID, course, notice or reminder key, recipients) and the
 * time it arrived, and can be stopped and started again on the same port to
 * play a relay that goes down. Counting by Message-ID is how the fault tests
 * tell "delivered once" from "delivered twice" and "lost".
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  messageId: string;
  course?: string;
  /** X-KCCP-Notice for government notices, undefined for staff reminders. */
  notice?: string;
  /** X-KCCP-Reminder for staff reminders. */
  reminder?: string;
  to: string[];
  receivedAt: number;
  /** The Date header: when the attempt that delivered it composed the message. */
  date?: string;
}

export interface MailSink {
  url: string;
  port: number;
  received: SunkMail[];
  isUp(): boolean;
  /** Refuses connections from now on (the port closes), as a relay that is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  /** Message-IDs seen more than once, with their counts. */
  duplicates(): Map<string, number>;
  close(): Promise<void>;
}

function header(headerText: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(headerText);
  return match?.[1].replace(/\r?\n[ \t]+/g, ' ').trim();
}

export async function startMailSink(port = 0): Promise<MailSink> {
  const received: SunkMail[] = [];
  let server: SMTPServer | undefined;
  let boundPort = port;

  const listen = async () => {
    const s = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 30 * 1024 * 1024,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          const end = raw.search(/\r?\n\r?\n/);
          const head = end < 0 ? raw : raw.slice(0, end);
          const messageId = header(head, 'Message-ID');
          if (!messageId) return callback(new Error('message without a Message-ID'));
          received.push({
            messageId,
            course: header(head, 'X-KCCP-Course'),
            notice: header(head, 'X-KCCP-Notice'),
            reminder: header(head, 'X-KCCP-Reminder'),
            to: session.envelope.rcptTo.map((r) => r.address),
            receivedAt: Date.now(),
            date: header(head, 'Date'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(boundPort, '127.0.0.1', () => resolve());
    });
    s.on('error', () => undefined);
    boundPort = (s.server.address() as AddressInfo).port;
    server = s;
  };

  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    // Open connections are cut too: a relay that goes down does not finish its sessions politely.
    const connections = (s as unknown as { connections?: Set<{ _socket?: { destroy(): void } }> }).connections;
    connections?.forEach((c) => c._socket?.destroy());
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };

  await listen();
  return {
    get url() {
      return `smtp://127.0.0.1:${boundPort}`;
    },
    get port() {
      return boundPort;
    },
    received,
    isUp: () => server !== undefined,
    stop,
    start: async () => {
      if (!server) await listen();
    },
    duplicates() {
      const counts = new Map<string, number>();
      for (const m of received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
      return new Map([...counts].filter(([, n]) => n > 1));
    },
    close: stop,
  };
}
