import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { parse } from 'yaml';
import { describeDelivery, loadMailConfig } from '../../activities/config';
import { createSmtpTransport } from '../../activities/transport';
import {
  connectionOptions,
  describeConnectionSettings,
  loadConnectionSettings,
  payloadProtectionFor,
} from '../../platform/connection';
import { PROJECT_DIR } from '../../tooling/temporal-binaries';
import { kccp } from '../client/run-kccp';

// No HOME-based profile: only what each test sets.
const noProfile = { TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml' };

let dir: string;
let certPath: string;
let keyPath: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kccp-tls-'));
  certPath = path.join(dir, 'cert.pem');
  keyPath = path.join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=localhost',
  ], { stdio: 'ignore' }); // prettier-ignore
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('connection to a secured Temporal (TLS, mTLS, API keys)', () => {
  it("takes mTLS from Temporal's own TEMPORAL_TLS_* variables, and never prints the certificates", () => {
    const settings = loadConnectionSettings({
      ...noProfile,
      TEMPORAL_ADDRESS: 'temporal.kccp.example:7233',
      TEMPORAL_TLS_CLIENT_CERT_PATH: certPath,
      TEMPORAL_TLS_CLIENT_KEY_PATH: keyPath,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certPath,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    const { tls } = connectionOptions(settings) as {
      tls: {
        clientCertPair: { crt: Uint8Array; key: Uint8Array };
        serverRootCACertificate: Uint8Array;
        serverNameOverride: string;
      };
    };
    expect(Buffer.from(tls.clientCertPair.crt).toString()).toBe(fs.readFileSync(certPath, 'utf8'));
    expect(Buffer.from(tls.clientCertPair.key).toString()).toBe(fs.readFileSync(keyPath, 'utf8'));
    expect(Buffer.from(tls.serverRootCACertificate).toString()).toBe(fs.readFileSync(certPath, 'utf8'));
    expect(tls.serverNameOverride).toBe('temporal.internal');
    expect(describeConnectionSettings(settings)).toBe('temporal.kccp.example:7233 namespace=default tls=on');
  });

  it('sends a Temporal Cloud API key over TLS, and never prints it', () => {
    const settings = loadConnectionSettings({
      ...noProfile,
      TEMPORAL_ADDRESS: 'kccp.a1b2c.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'cloud-api-key-value',
    });
    expect(connectionOptions(settings)).toMatchObject({ apiKey: 'cloud-api-key-value', tls: true });
    expect(describeConnectionSettings(settings)).not.toContain('cloud-api-key-value');
  });

  it('refuses to reach a shared cluster without codec keys, naming the variables, before any connection', async () => {
    const settings = loadConnectionSettings({
      ...noProfile,
      TEMPORAL_ADDRESS: 'kccp.a1b2c.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
    });
    await expect(payloadProtectionFor(settings, {})).rejects.toThrow(/set KCCP_CODEC_KEYS_FILE or KCCP_CODEC_KEYS/);
  });

  it('takes no name that merely starts with "127." for this machine: kccp without keys refuses 127.attacker.example', async () => {
    const run = await kccp('127.attacker.example:7233', ['status', 'KCCP-NONE-01'], {
      ...noProfile,
      KCCP_CODEC_KEYS: '',
      KCCP_CODEC_KEYS_FILE: '',
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/set KCCP_CODEC_KEYS_FILE or KCCP_CODEC_KEYS .* to reach 127\.attacker\.example:7233/);
  });
});

describe('SMTP over TLS, credentials from the environment', () => {
  it('smtps:// means TLS from the first byte (port 465); credentials from SMTP_USER/SMTP_PASSWORD are never printed', () => {
    const config = loadMailConfig({
      SMTP_URL: 'smtps://relay.kccp.example',
      SMTP_USER: 'kccp',
      SMTP_PASSWORD: 'smtp-secret-value',
    });
    expect(config.delivery).toEqual({
      mode: 'smtp',
      host: 'relay.kccp.example',
      port: 465,
      secure: true,
      auth: { user: 'kccp', pass: 'smtp-secret-value' },
    });
    expect(describeDelivery(config)).toBe('smtps://relay.kccp.example:465 (authenticated), 8 connections');
  });

  /** A relay on loopback with a certificate no one trusts: `secure` for implicit TLS, else offering STARTTLS. */
  async function untrustedRelay(
    secure: boolean,
  ): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
    const received: string[] = [];
    const server = new SMTPServer({
      secure,
      key: fs.readFileSync(keyPath),
      cert: fs.readFileSync(certPath),
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        let body = '';
        stream.on('data', (chunk: Buffer) => (body += chunk.toString()));
        stream.on('end', () => {
          received.push(body);
          callback();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as { port: number };
    return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  const message = {
    from: 'kccp@kccp.jica.example',
    to: ['amina.otieno@gov.example'],
    subject: 'Nomination acknowledgement',
    text: 'Amina Otieno',
  };

  it.each([
    ['smtps:// (implicit TLS)', true],
    ['smtp:// with STARTTLS offered', false],
  ])('%s: verifies the relay certificate and sends nothing to a relay it cannot trust', async (_label, secure) => {
    const relay = await untrustedRelay(secure);
    const transport = createSmtpTransport(
      { host: '127.0.0.1', port: relay.port, secure, auth: { user: 'kccp', pass: 'smtp-secret-value' } },
      { concurrency: 1, timeoutMs: 5_000 },
    );
    try {
      await expect(transport.send({ message } as never)).rejects.toThrow(/certificate/i);
      expect(relay.received).toEqual([]);
    } finally {
      await transport.close();
      await relay.close();
    }
  });
});

describe('temporal-compose.yml', () => {
  it("points the Web UI at the codec server and lets it send the codec server's session cookie", () => {
    const compose = parse(fs.readFileSync(path.join(PROJECT_DIR, 'temporal-compose.yml'), 'utf8')) as {
      services: Record<string, { environment?: Record<string, string> }>;
    };
    const ui = compose.services['temporal-ui']!.environment!;
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe('${KCCP_CODEC_ENDPOINT:-http://localhost:8888}');
    expect(ui.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  });
});
