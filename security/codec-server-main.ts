/**
 * `npm run codec-server`: decrypts payloads for the Web UI and the CLI with
 * the key ring the worker uses under the same environment.
 *
 *   KCCP_CODEC_TOKEN        the bearer token callers send (required; --insecure-no-auth on loopback for the dev Web UI)
 *   KCCP_CODEC_CORS_ORIGIN  Web UI origins allowed, comma-separated (default http://localhost:8233)
 *   KCCP_CODEC_HOST/PORT    where to listen (default 127.0.0.1:8888)
 *   KCCP_CODEC_KEYS_FILE, KCCP_CODEC_KEYS, KCCP_CODEC_CURRENT_KEY: the key ring (security/keys.ts)
 *
 * `npm run codec-server -- --new-key` prints a fresh key for a ring and exits.
 */
import { isLocalPlainAddress, loadConnectionSettings } from '../platform/connection';
import { EncryptionCodec } from './codec';
import { DEFAULT_CODEC_PORT, startCodecServer, type CodecServer } from './codec-server';
import { CodecConfigError, newKey, resolveKeyRing } from './keys';

export { DEFAULT_CODEC_PORT };
export const DEFAULT_UI_ORIGIN = 'http://localhost:8233';

async function main(): Promise<CodecServer | undefined> {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((arg) => !['--insecure-no-auth', '--new-key'].includes(arg));
  if (unknown.length)
    throw new CodecConfigError(`unknown option ${unknown.join(' ')} (known: --insecure-no-auth, --new-key)`);
  if (args.has('--new-key')) {
    console.log(newKey());
    return undefined;
  }
  const env = process.env;
  const settings = loadConnectionSettings(env);
  // The ring the worker of the same environment resolves: the configured one, or on a local server the development key.
  const keys = resolveKeyRing({ address: settings.address, plainLoopback: await isLocalPlainAddress(settings) }, env);

  const port = env.KCCP_CODEC_PORT ? Number(env.KCCP_CODEC_PORT) : DEFAULT_CODEC_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new CodecConfigError(`KCCP_CODEC_PORT must be a port number, not "${env.KCCP_CODEC_PORT}"`);
  const origins = (env.KCCP_CODEC_CORS_ORIGIN ?? DEFAULT_UI_ORIGIN)
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/]+$/.test(origin))
      throw new CodecConfigError(`KCCP_CODEC_CORS_ORIGIN: "${origin}" is not an origin like http://localhost:8233`);
  }
  const insecureNoAuth = args.has('--insecure-no-auth');
  const token = env.KCCP_CODEC_TOKEN?.trim() || undefined;
  if (!token && !insecureNoAuth) {
    throw new CodecConfigError(
      'KCCP_CODEC_TOKEN is not set: callers must send "Authorization: Bearer <token>" (or pass --insecure-no-auth for a loopback-only dev server)',
    );
  }

  const server = await startCodecServer({
    codec: new EncryptionCodec(keys.ring),
    token: insecureNoAuth ? undefined : token,
    insecureNoAuth,
    allowedOrigins: origins,
    host: env.KCCP_CODEC_HOST?.trim() || '127.0.0.1',
    port,
  });
  const ids = [...keys.ring.keys.keys()].map((id) => (id === keys.ring.current ? `${id} (current)` : id));
  console.log(`Codec server: ${server.url} (POST /encode, /decode; GET /healthz)`);
  console.log(`Keys: ${ids.join(', ')} from ${keys.source}`);
  console.log(`Browser origins allowed: ${origins.join(', ')}`);
  console.log(
    insecureNoAuth
      ? 'Auth: NONE (--insecure-no-auth; loopback only, for local development)'
      : 'Auth: bearer token (KCCP_CODEC_TOKEN)',
  );
  return server;
}

main()
  .then((server) => {
    if (!server) return;
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error: unknown) => {
    console.error(`codec-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
