/**
 * Mail settings, read once when the worker starts. A bad value stops the
 * worker with the variable's name, never its value: SMTP_URL and
 * SMTP_PASSWORD carry secrets.
 */
import { z } from 'zod';

const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyAsUnset, z.string().optional());

/** "JICA KCCP <kccp@kccp.jica.example>" or a bare address. */
const mailboxSchema = z.string().refine((s) => {
  const address = /<([^<>]+)>\s*$/.exec(s)?.[1] ?? s.trim();
  return z.email().safeParse(address).success;
}, 'expected an address, optionally with a display name: "JICA KCCP <kccp@example.org>"');

const mailEnvSchema = z.object({
  SMTP_URL: z.preprocess(
    emptyAsUnset,
    z
      .url({
        protocol: /^smtps?$/,
        error: 'expected smtp://host:port or smtps://host:port, optionally with user:password@',
      })
      .optional(),
  ),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  MAIL_FROM: z.preprocess(emptyAsUnset, mailboxSchema.default('JICA KCCP <kccp@kccp.jica.example>')),
  MAIL_CONCURRENCY: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1).max(64).default(8)),
  /** Per-connection SMTP timeouts; a relay that hangs must not hold an activity until its own timeout. */
  MAIL_TIMEOUT_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().min(1_000).max(600_000).default(30_000)),
  MAIL_OUTBOX_DIR: z.preprocess(emptyAsUnset, z.string().default('var/outbox')),
  COUNTRY_DIRECTORY_PATH: optionalString,
  STAFF_ROSTER_PATH: optionalString,
});

export type SmtpSettings = {
  mode: 'smtp';
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
};
export type OutboxSettings = { mode: 'outbox'; dir: string };

export interface MailConfig {
  delivery: SmtpSettings | OutboxSettings;
  from: string;
  concurrency: number;
  timeoutMs: number;
  directoryPath?: string;
  rosterPath?: string;
}

export class MailConfigError extends Error {
  constructor(
    readonly variables: string[],
    message: string,
  ) {
    super(message);
    this.name = 'MailConfigError';
  }
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = mailEnvSchema.safeParse(env);
  if (!parsed.success) {
    const variables = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))];
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new MailConfigError(variables, `mail configuration is invalid:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const base = {
    from: e.MAIL_FROM,
    concurrency: e.MAIL_CONCURRENCY,
    timeoutMs: e.MAIL_TIMEOUT_MS,
    directoryPath: e.COUNTRY_DIRECTORY_PATH,
    rosterPath: e.STAFF_ROSTER_PATH,
  };
  if (!e.SMTP_URL) return { ...base, delivery: { mode: 'outbox', dir: e.MAIL_OUTBOX_DIR } };

  const url = new URL(e.SMTP_URL);
  const secure = url.protocol === 'smtps:';
  const user = url.username ? decodeURIComponent(url.username) : e.SMTP_USER;
  const pass = url.password ? decodeURIComponent(url.password) : e.SMTP_PASSWORD;
  if (user && !pass)
    throw new MailConfigError(
      ['SMTP_PASSWORD'],
      'mail configuration is invalid:\n  SMTP_PASSWORD: required when a user is given',
    );
  if (!user && pass)
    throw new MailConfigError(
      ['SMTP_USER'],
      'mail configuration is invalid:\n  SMTP_USER: required when a password is given',
    );
  return {
    ...base,
    delivery: {
      mode: 'smtp',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      auth: user && pass ? { user, pass } : undefined,
    },
  };
}

/** Where mail goes, fit for a log line: no credentials. */
export function describeDelivery(config: MailConfig): string {
  const d = config.delivery;
  return d.mode === 'outbox'
    ? `outbox ${d.dir}`
    : `${d.secure ? 'smtps' : 'smtp'}://${d.host}:${d.port}${d.auth ? ' (authenticated)' : ''}, ${config.concurrency} connections`;
}
