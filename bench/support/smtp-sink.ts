/**
 * A relay on loopback that accepts every message and counts them by
 * Message-ID: a retried notice counts once, and the benchmark can check that
 * each notice it expects arrived.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  /** Message-ID → times received. */
  received: Map<string, number>;
  /** Course code → Message-IDs of the government notices received for it (X-KCCP-Notice). */
  noticesByCourse: Map<string, Set<string>>;
  messages(): number;
  firstAt?: number;
  lastAt?: number;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;
const COURSE = /^x-kccp-course:\s*(\S+)/im;
const NOTICE = /^x-kccp-notice:\s*(\S+)/im;

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = {
    url: '',
    received: new Map(),
    noticesByCourse: new Map(),
    messages: () => [...sink.received.values()].reduce((n, c) => n + c, 0),
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        // Headers come first; the attachments after them are read and dropped.
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const headers = head.split('\r\n\r\n')[0] ?? head;
        const id = MESSAGE_ID.exec(headers)?.[1] ?? `(no Message-ID ${Math.random()})`;
        sink.received.set(id, (sink.received.get(id) ?? 0) + 1);
        const course = COURSE.exec(headers)?.[1];
        if (course && NOTICE.test(headers)) {
          const ids = sink.noticesByCourse.get(course) ?? new Set<string>();
          sink.noticesByCourse.set(course, ids.add(id));
        }
        const now = Date.now();
        sink.firstAt ??= now;
        sink.lastAt = now;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
