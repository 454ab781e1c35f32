/** The codec server's limits, over real HTTP: oversized bodies and repeated wrong tokens at /login. */
import http from 'node:http';
import { EncryptionCodec } from '../../security/codec';
import { startCodecServer, type CodecServer } from '../../security/codec-server';
import { keyRing } from '../../security/keys';

const TOKEN = 'limits-test-token-0123456789';
const codec = new EncryptionCodec(keyRing('kccp-a', [['kccp-a', Buffer.alloc(32, 4).toString('base64')]], 'test'));

/** A POST from a chosen loopback address (the whole of 127.0.0.0/8 is this machine), so two clients can differ. */
function postFrom(
  localAddress: string,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', localAddress, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the codec server under abuse', () => {
  let server: CodecServer;

  beforeAll(async () => {
    server = await startCodecServer({
      codec,
      token: TOKEN,
      allowedOrigins: [],
      maxBodyBytes: 1024,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers an oversized body with a JSON 413 the caller can read, not a reset connection', async () => {
    const body = JSON.stringify({ payloads: [{ metadata: {}, data: 'A'.repeat(64 * 1024) }] });
    const response = await fetch(`${server.url}/decode`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ error: 'request body over 1024 bytes' });
    // The server is still there for the next caller.
    const next = await fetch(`${server.url}/decode`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(next.status).toBe(200);
  });

  it('answers an oversized sign-in form with 413 too', async () => {
    const response = await fetch(`${server.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${'x'.repeat(16 * 1024)}`,
    });
    expect(response.status).toBe(413);
  });

  it('limits failed sign-ins per client address: 429 with Retry-After, even for the right token, and only for that address', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    const signIn = (from: string, token: string) =>
      postFrom(from, `${server.url}/login`, new URLSearchParams({ token }).toString(), form);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await signIn('127.0.0.3', `guess-number-${attempt}-0123456789`)).status).toBe(401);
    }
    const limited = await signIn('127.0.0.3', 'guess-number-6-0123456789');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(limited.text)).toEqual({ error: expect.stringMatching(/too many failed sign-ins/) });
    // The right token tells a guesser nothing while the address is limited.
    const right = await signIn('127.0.0.3', TOKEN);
    expect(right.status).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    // Another address is not affected.
    const other = await signIn('127.0.0.4', TOKEN);
    expect(other.status).toBe(200);
    expect(other.headers['set-cookie']?.[0]).toMatch(/^kccp_codec_session=/);
  });
});
