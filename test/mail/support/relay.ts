/**
 * A real SMTP relay on loopback for the mail suites: it records every message
 * it accepts (parsed with mailparser) and can be told to refuse addresses or
 * connections, the way a government's relay or our own smarthost would.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { createSmtpTransport, type MailTransport } from '../../../activities';

export interface ReceivedMail {
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface RelayBehaviour {
  /** Called at RCPT TO: return an SMTP error ({code, message}) to refuse that address. */
  onRecipient?(address: string, session: SMTPServerSession): { code: number; message: string } | undefined;
  /** Called when a client connects: return an error to refuse the connection. */
  onConnect?(session: SMTPServerSession): { code: number; message: string } | undefined;
}

export interface LoopbackRelay {
  url: string;
  port: number;
  received: ReceivedMail[];
  behaviour: RelayBehaviour;
  /** Messages received for one address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

const smtpError = (e: { code: number; message: string }) =>
  Object.assign(new Error(e.message), { responseCode: e.code });

export async function startRelay(behaviour: RelayBehaviour = {}): Promise<LoopbackRelay> {
  const received: ReceivedMail[] = [];
  const relay = { behaviour };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 20 * 1024 * 1024,
    onConnect(session, callback) {
      const refusal = relay.behaviour.onConnect?.(session);
      callback(refusal ? smtpError(refusal) : undefined);
    },
    onRcptTo(address: SMTPServerAddress, session, callback) {
      const refusal = relay.behaviour.onRecipient?.(address.address, session);
      callback(refusal ? smtpError(refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    get behaviour() {
      return relay.behaviour;
    },
    set behaviour(b: RelayBehaviour) {
      relay.behaviour = b;
    },
    to: (address) => received.filter((m) => m.envelopeTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface RelayRig {
  relay: LoopbackRelay;
  transport: MailTransport;
}

/**
 * A relay and an SMTP transport to it for the whole suite: started before its tests, closed after
 * them, and emptied (its behaviour reset) before each test. Read `rig.relay` inside tests.
 */
export function useRelay(concurrency: number): RelayRig {
  const rig = {} as RelayRig;
  beforeAll(async () => {
    rig.relay = await startRelay();
    rig.transport = createSmtpTransport(
      { host: '127.0.0.1', port: rig.relay.port, secure: false },
      { concurrency, timeoutMs: 5_000 },
    );
  });
  afterAll(async () => {
    await rig.transport?.close();
    await rig.relay?.close();
  });
  beforeEach(() => {
    rig.relay.received.splice(0);
    rig.relay.behaviour = {};
  });
  return rig;
}
