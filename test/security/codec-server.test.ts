import { execFile } from 'node:child_process';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec } from '../../security/codec';
import { sessionCookieValue, startCodecServer, type CodecServer } from '../../security/codec-server';
import { keyRing } from '../../security/keys';
import { nominee } from '../fixtures/courses';

const KEY_A = Buffer.alloc(32, 7).toString('base64');
const KEY_X = Buffer.alloc(32, 9).toString('base64');
const TOKEN = 'codec-test-token-0123456789';
const UI = 'http://localhost:8233';

const codec = new EncryptionCodec(keyRing('kccp-a', [['kccp-a', KEY_A]], 'test'));
const foreignCodec = new EncryptionCodec(keyRing('kccp-x', [['kccp-x', KEY_X]], 'test'));

type JsonPayload = { metadata: Record<string, string>; data: string };
const toJson = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
const clearJson = (value: unknown) => toJson(defaultPayloadConverter.toPayload(value));
const readJson = (p: JsonPayload) => JSON.parse(Buffer.from(p.data, 'base64').toString('utf8'));

describe('the codec server', () => {
  let server: CodecServer;
  const logs: string[] = [];

  beforeAll(async () => {
    server = await startCodecServer({ codec, token: TOKEN, allowedOrigins: [UI], log: (line) => logs.push(line) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
      body: JSON.stringify(body),
    });
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it('encodes and decodes the protocol JSON (base64 metadata and data) for a caller with the token', async () => {
    const value = { nominees: [nominee('Awa Diop')] };
    const encoded = await post('encode', { payloads: [clearJson(value)] }, auth);
    expect(encoded.status).toBe(200);
    const { payloads } = (await encoded.json()) as { payloads: JsonPayload[] };
    expect(Buffer.from(payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(payloads[0]!.data, 'base64').toString('latin1')).not.toContain('Awa Diop');

    // Served under any prefix: the protocol routes on the last path segment (the CLI templates /{namespace}/decode).
    const decoded = await post('default/decode', { payloads }, auth);
    expect(decoded.status).toBe(200);
    expect(readJson(((await decoded.json()) as { payloads: JsonPayload[] }).payloads[0]!)).toEqual(value);
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token-at-all' }],
    ['the token without the Bearer scheme', { Authorization: TOKEN }],
  ])('refuses %s with 401 and decodes nothing', async (_label, headers) => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(nominee('Awa Diop'))]);
    const response = await post('decode', { payloads: [toJson(encrypted!)] }, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).not.toContain('Awa');
  });

  it('answers the configured Web UI origin with CORS headers, preflight and call', async () => {
    const preflight = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: UI,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-namespace',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(UI);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const call = await post('decode', { payloads: [] }, { ...auth, Origin: UI });
    expect(call.status).toBe(200);
    expect(call.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('refuses a foreign origin with 403 and no Access-Control-Allow-Origin, even with the right token', async () => {
    const evil = 'http://evil.example';
    const preflight = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: evil, 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(nominee('Awa Diop'))]);
    const call = await post('decode', { payloads: [toJson(encrypted!)] }, { ...auth, Origin: evil });
    expect(call.status).toBe(403);
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
    expect(await call.text()).not.toContain('Awa');
  });

  it('refuses a payload under an unknown key id with a 400 that says so and names no key id, of the payload or the ring', async () => {
    const [encrypted] = await foreignCodec.encode([defaultPayloadConverter.toPayload(nominee('Awa Diop'))]);
    const response = await post('decode', { payloads: [toJson(encrypted!)] }, auth);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toBe('unknown key id');
    const [tampered] = await codec.encode([defaultPayloadConverter.toPayload(nominee('Awa Diop'))]);
    tampered!.data![20] ^= 1;
    const refused = await post('decode', { payloads: [toJson(tampered!)] }, auth);
    expect(refused.status).toBe(400);
    const all = `${error} ${await refused.text()}`;
    for (const secret of ['kccp-x', 'kccp-a', KEY_A, KEY_X]) expect(all).not.toContain(secret);
  });

  it('shows a plaintext payload as it is beside the decrypted ones (the SDK core writes patch markers in clear)', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ nominee: 'Awa Diop' })]);
    const marker = clearJson({ id: 'signed-decisions-v1', deprecated: false });
    const response = await post('decode', { payloads: [toJson(encrypted!), marker] }, auth);
    expect(response.status).toBe(200);
    const { payloads } = (await response.json()) as { payloads: JsonPayload[] };
    expect(readJson(payloads[0]!)).toEqual({ nominee: 'Awa Diop' });
    expect(payloads[1]).toEqual(marker);
  });

  it('refuses malformed bodies and other methods clearly', async () => {
    expect((await post('decode', { nothing: true }, auth)).status).toBe(400);
    expect((await fetch(`${server.url}/decode`, { headers: auth })).status).toBe(405);
    expect((await fetch(`${server.url}/elsewhere`, { method: 'POST', headers: auth })).status).toBe(404);
  });

  describe('Web UI session (the UI sends cookies, not a header of its own)', () => {
    const signIn = (token: string, origin?: string) =>
      fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(origin ? { Origin: origin } : {}) },
        body: new URLSearchParams({ token }).toString(),
      });
    const decodeWithCookie = (cookie: string) => post('decode', { payloads: [] }, { Origin: UI, Cookie: cookie });

    it('signs in with the token and sets an HttpOnly, SameSite=Strict cookie that lets the UI origin decode', async () => {
      const signedIn = await signIn(TOKEN, server.url);
      expect(signedIn.status).toBe(200);
      const setCookie = signedIn.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^kccp_codec_session=\d+\.[\w-]+; Max-Age=28800; Path=\/; HttpOnly; SameSite=Strict/);
      expect(setCookie).not.toContain(TOKEN);
      const response = await decodeWithCookie(setCookie.split(';')[0]!);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    });

    it('refuses a wrong token at sign-in, a forged or expired cookie, and sign-in from a foreign page', async () => {
      const wrong = await signIn('not-the-token-at-all');
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('set-cookie')).toBeNull();
      const farFuture = Math.floor(Date.now() / 1000) + 3600;
      expect(
        (await decodeWithCookie(`kccp_codec_session=${farFuture}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)).status,
      ).toBe(401);
      expect(
        (await decodeWithCookie(`kccp_codec_session=${sessionCookieValue(TOKEN, Date.now() - 1000)}`)).status,
      ).toBe(401);
      expect((await signIn(TOKEN, 'http://evil.example')).status).toBe(403);
    });
  });

  it('answers /healthz without a token', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('logs requests without tokens, keys or payloads', () => {
    expect(logs.length).toBeGreaterThan(5);
    const all = logs.join('\n');
    expect(all).toMatch(/POST \/decode 401/);
    for (const secret of [TOKEN, KEY_A, 'Awa', 'Bearer']) expect(all).not.toContain(secret);
  });
});

describe('starting the codec server', () => {
  const main = path.resolve(__dirname, '../../security/codec-server-main.ts');
  const tsx = path.resolve(__dirname, '../../node_modules/.bin/tsx');
  const run = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      const { KCCP_CODEC_TOKEN: _t, KCCP_CODEC_KEYS: _k, KCCP_CODEC_KEYS_FILE: _f, ...rest } = process.env;
      execFile(
        tsx,
        [main, ...args],
        { env: { ...rest, KCCP_CODEC_PORT: '0', ...env }, timeout: 30_000 },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr: String(stderr) }),
      );
    });

  it('refuses to start without KCCP_CODEC_TOKEN, naming it', async () => {
    const { code, stderr } = await run({ KCCP_CODEC_KEYS: `kccp-a:${KEY_A}` });
    expect(code).toBe(2);
    expect(stderr).toMatch(/KCCP_CODEC_TOKEN is not set/);
  });

  // 127.attacker.example spells like loopback and is a name that resolves elsewhere (or nowhere).
  it.each(['0.0.0.0', '127.attacker.example'])('refuses --insecure-no-auth anywhere but loopback: %s', async (host) => {
    const { code, stderr } = await run({ KCCP_CODEC_KEYS: `kccp-a:${KEY_A}`, KCCP_CODEC_HOST: host }, [
      '--insecure-no-auth',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(`--insecure-no-auth serves only on loopback; refusing to bind ${host}`);
  });

  it('refuses a short token', async () => {
    await expect(startCodecServer({ codec, token: 'short', allowedOrigins: [UI] })).rejects.toThrow(
      /KCCP_CODEC_TOKEN must be set to a secret of at least 16/,
    );
  });
});
