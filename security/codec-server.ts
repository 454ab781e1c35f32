/**
 * The codec server: Temporal's remote codec protocol (POST …/encode and
 * …/decode with `{"payloads": [{"metadata": {k: base64}, "data": base64}]}`,
 * protobuf JSON), so the Web UI and the `temporal` CLI show decrypted
 * payloads to whoever holds the token, and only from the configured UI origins.
 *
 * Guards, in order: CORS (a browser request from any other origin is refused
 * with 403 and no Access-Control-Allow-Origin), then the token on every
 * encode or decode call (401 without it). Logs carry the method, path, status
 * and namespace: never a payload, a token or a key.
 *
 * The token arrives as `Authorization: Bearer <token>` (the CLI's
 * --codec-auth) or, for the Web UI, which cannot send a header of its own, as
 * a session cookie: a person signs in once at /login with the token, and the
 * UI's "Include cross-origin credentials" sends the cookie along. The cookie
 * holds an expiry and an HMAC keyed by the token, never the token itself, and
 * is HttpOnly and SameSite=Strict.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { PayloadDecryptionError } from './codec';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The bearer token every encode/decode call must carry; undefined only with `insecureNoAuth`. */
  token?: string;
  /** Local development only: no token asked (the dev Web UI cannot send one). Refused unless bound to loopback. */
  insecureNoAuth?: boolean;
  /** Exact origins (scheme://host:port) allowed to call from a browser. */
  allowedOrigins: string[];
  host?: string;
  port?: number;
  log?: (line: string) => void;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface CodecServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MIN_TOKEN_LENGTH = 16;
export const SESSION_COOKIE = 'kccp_codec_session';
export const SESSION_SECONDS = 8 * 3600;

/** The cookie value of a Web UI session that ends at `expiresAt` (ms): `<expiry>.<HMAC>`. */
export function sessionCookieValue(token: string, expiresAt: number): string {
  const expiry = String(Math.floor(expiresAt / 1000));
  const mac = createHmac('sha256', `kccp-codec-session:${token}`).update(expiry).digest('base64url');
  return `${expiry}.${mac}`;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const LOGIN_PAGE = (message: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>KCCP codec server</title></head>
<body><h1>KCCP codec server</h1><p>${message}</p>
<form method="post" action="login"><label>Codec token <input type="password" name="token" autocomplete="off" required></label>
<button type="submit">Sign in</button></form></body></html>
`;

interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Behind a TLS-terminating proxy the cookie is still marked Secure. */
const tlsOf = (request: http.IncomingMessage) =>
  (request.socket as { encrypted?: boolean }).encrypted === true || request.headers['x-forwarded-proto'] === 'https';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export async function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.insecureNoAuth) {
    if (!isLoopbackHost(host)) throw new Error(`--insecure-no-auth serves only on loopback; refusing to bind ${host}`);
  } else if (!options.token || options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`KCCP_CODEC_TOKEN must be set to a secret of at least ${MIN_TOKEN_LENGTH} characters`);
  }
  const expected = options.token ? sha256(`Bearer ${options.token}`) : undefined;
  const allowed = new Set(options.allowedOrigins);
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;

  const bearerOk = (header: string | undefined) => header !== undefined && timingSafeEqual(sha256(header), expected!);
  const sessionOk = (value: string | undefined) => {
    const expiry = Number(value?.split('.')[0]);
    if (!value || !Number.isInteger(expiry) || expiry * 1000 <= Date.now()) return false;
    return timingSafeEqual(sha256(value), sha256(sessionCookieValue(options.token!, expiry * 1000)));
  };
  const authorized = (request: http.IncomingMessage) =>
    expected === undefined ||
    bearerOk(request.headers.authorization) ||
    sessionOk(cookie(request.headers.cookie, SESSION_COOKIE));

  const server = http.createServer((request, response) => {
    const started = Date.now();
    const path = (request.url ?? '/').split('?')[0]!;
    const namespace = String(request.headers['x-namespace'] ?? '-');
    const send = (status: number, body?: unknown) => {
      response.statusCode = status;
      if (body !== undefined) {
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify(body));
      } else {
        response.end();
      }
      log(`codec-server ${request.method} ${path} ${status} namespace=${namespace} ${Date.now() - started}ms`);
    };

    const origin = request.headers.origin;
    const login = path.endsWith('/login');
    const ownOrigin = origin === `${tlsOf(request) ? 'https' : 'http'}://${request.headers.host}`;
    response.setHeader('Vary', 'Origin');
    if (login && origin !== undefined && !ownOrigin) return send(403, { error: 'origin not allowed' });
    if (!login && origin !== undefined) {
      if (!allowed.has(origin)) return send(403, { error: 'origin not allowed' });
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      response.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Namespace');
      response.setHeader('Access-Control-Max-Age', '600');
      return send(204);
    }
    if (path === '/healthz' && request.method === 'GET') return send(200, { status: 'ok' });
    if (login) return signIn(request, response, send);

    // The protocol routes on the last path segment only, so the server may sit under any prefix.
    const operation = path.endsWith('/encode') ? 'encode' : path.endsWith('/decode') ? 'decode' : undefined;
    if (!operation) return send(404, { error: 'not found: POST /encode or /decode' });
    if (request.method !== 'POST') return send(405, { error: 'use POST' });
    if (!authorized(request)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      return send(401, { error: 'a valid bearer token (or a session from /login) is required' });
    }

    readBody(request, maxBodyBytes)
      .then(async (raw) => {
        const payloads = parsePayloads(raw);
        const result =
          operation === 'encode' ? await options.codec.encode(payloads) : await options.codec.decode(payloads);
        send(200, { payloads: result.map(toJson) });
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError) return send(error.status, { error: error.message });
        if (error instanceof PayloadDecryptionError) return send(400, { error: error.message });
        log(`codec-server ${operation} failed: ${(error as Error).name}`);
        send(500, { error: `${operation} failed` });
      });
  });

  /** GET: the sign-in form; POST: checks the token and sets the session cookie the Web UI sends. */
  function signIn(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    send: (status: number, body?: unknown) => void,
  ): void {
    const page = (status: number, message: string) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.setHeader('Cache-Control', 'no-store');
      response.statusCode = status;
      response.write(LOGIN_PAGE(message));
      send(status);
    };
    if (expected === undefined) return page(200, 'This server runs without authentication (--insecure-no-auth).');
    if (request.method === 'GET') return page(200, 'Sign in with the codec token to let the Web UI decode payloads.');
    if (request.method !== 'POST') return send(405, { error: 'use GET or POST' });
    readBody(request, 4096)
      .then((raw) => {
        const token = new URLSearchParams(raw).get('token') ?? '';
        if (!bearerOk(`Bearer ${token}`)) return page(401, 'Wrong token.');
        const expiresAt = Date.now() + SESSION_SECONDS * 1000;
        const secure = tlsOf(request) ? '; Secure' : '';
        response.setHeader(
          'Set-Cookie',
          `${SESSION_COOKIE}=${sessionCookieValue(options.token!, expiresAt)}; Max-Age=${SESSION_SECONDS}; Path=/; HttpOnly; SameSite=Strict${secure}`,
        );
        page(
          200,
          'Signed in for 8 hours. In the Web UI, turn on "Include cross-origin credentials" for the codec server.',
        );
      })
      .catch(() => send(400, { error: 'bad sign-in request' }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function readBody(request: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `request body over ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parsePayloads(raw: string): Payload[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  const payloads = (body as { payloads?: unknown })?.payloads;
  if (!Array.isArray(payloads)) throw new HttpError(400, 'body must be {"payloads": [...]}');
  return payloads.map((payload: JsonPayload, i) => {
    if (typeof payload !== 'object' || payload === null) throw new HttpError(400, `payloads[${i}] is not an object`);
    const metadata = Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => {
        if (typeof value !== 'string') throw new HttpError(400, `payloads[${i}].metadata.${key} must be base64`);
        return [key, Buffer.from(value, 'base64')];
      }),
    );
    if (payload.data != null && typeof payload.data !== 'string')
      throw new HttpError(400, `payloads[${i}].data must be base64`);
    return { metadata, data: Buffer.from(payload.data ?? '', 'base64') };
  });
}

function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
