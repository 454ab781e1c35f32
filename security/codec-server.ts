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
 * is HttpOnly and SameSite=Strict. Failed sign-ins are limited per client
 * address (429 with Retry-After), a body over the limit gets a JSON 413, and a
 * refused payload gets the rule alone: no key id, of the payload or the ring.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { ENCODING_ENCRYPTED, PayloadDecryptionError, type DecryptionFailure } from './codec';
import { HttpError, parsePayloads, readBody, toJson } from './codec-protocol';
import { loginLimiter, type LoginLimitOptions } from './login-limit';
import { isLoopbackHost } from './loopback';

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
  /** Failed sign-ins allowed per client address (login-limit.ts). */
  loginLimit?: LoginLimitOptions;
}

export interface CodecServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const MIN_TOKEN_LENGTH = 16;
/** Where `npm run codec-server` and `npm start`'s development codec server listen unless told otherwise. */
export const DEFAULT_CODEC_PORT = 8888;
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

/** What a caller learns of a refused payload: the rule, never a key id of the payload or of the ring. */
const REFUSAL: Record<DecryptionFailure, string> = {
  unencrypted: 'payload is not encrypted',
  'no-key-id': 'encrypted payload carries no key id',
  'unknown-key': 'unknown key id',
  truncated: 'encrypted payload is truncated',
  tampered: 'payload failed authentication: tampered with, or not encrypted with this key ring',
};

/**
 * Decodes what is encrypted and shows the rest as it is. The CLI and the Web
 * UI send whole histories, in which the SDK core's patch markers are never
 * encrypted; this server only displays, and the worker and clients, which
 * act on payloads, refuse plaintext themselves (codec.ts).
 */
async function decodeForDisplay(codec: PayloadCodec, payloads: Payload[]): Promise<Payload[]> {
  const encrypted = payloads.filter(
    (p) => Buffer.from(p.metadata?.[METADATA_ENCODING_KEY] ?? []).toString() === ENCODING_ENCRYPTED,
  );
  const decoded = await codec.decode(encrypted);
  return payloads.map((p) => (encrypted.includes(p) ? decoded[encrypted.indexOf(p)]! : p));
}

/** Behind a TLS-terminating proxy the cookie is still marked Secure. */
const tlsOf = (request: http.IncomingMessage) =>
  (request.socket as { encrypted?: boolean }).encrypted === true || request.headers['x-forwarded-proto'] === 'https';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export async function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const host = options.host ?? '127.0.0.1';
  if (options.insecureNoAuth) {
    if (!(await isLoopbackHost(host)))
      throw new Error(`--insecure-no-auth serves only on loopback; refusing to bind ${host}`);
  } else if (!options.token || options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`KCCP_CODEC_TOKEN must be set to a secret of at least ${MIN_TOKEN_LENGTH} characters`);
  }
  const expected = options.token ? sha256(`Bearer ${options.token}`) : undefined;
  const allowed = new Set(options.allowedOrigins);
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const logins = loginLimiter(options.loginLimit);

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
          operation === 'encode'
            ? await options.codec.encode(payloads)
            : await decodeForDisplay(options.codec, payloads);
        send(200, { payloads: result.map(toJson) });
      })
      .catch((error: unknown) => {
        if (error instanceof HttpError) {
          if (error.closeConnection) response.setHeader('Connection', 'close');
          return send(error.status, { error: error.message });
        }
        if (error instanceof PayloadDecryptionError) return send(400, { error: REFUSAL[error.reason] });
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
    const address = request.socket.remoteAddress ?? '-';
    const wait = logins.retryAfter(address);
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      return send(429, { error: `too many failed sign-ins from this address; try again in ${wait} s` });
    }
    readBody(request, 4096)
      .then((raw) => {
        const token = new URLSearchParams(raw).get('token') ?? '';
        if (!bearerOk(`Bearer ${token}`)) {
          logins.failed(address);
          return page(401, 'Wrong token.');
        }
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
      .catch((error: unknown) => {
        if (error instanceof HttpError && error.closeConnection) response.setHeader('Connection', 'close');
        send(error instanceof HttpError ? error.status : 400, { error: 'bad sign-in request' });
      });
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
