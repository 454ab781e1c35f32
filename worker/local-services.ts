/**
 * The local services `npm start` runs on a developer's machine: the Temporal
 * dev server, and next to it the codec server its Web UI decodes payloads
 * with, so courses are readable in the UI without a step to remember.
 *
 * The codec server keeps production's rules, a token and CORS, with
 * development values: a token generated at each start and printed once, and
 * the dev UI's origin alone. It runs only when this process starts the dev
 * server; a server that already answers is someone's, with its own codec setup.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isLocalPlainAddress, type ConnectionSettings } from '../platform/connection';
import { EncryptionCodec } from '../security/codec';
import { DEFAULT_CODEC_PORT, startCodecServer } from '../security/codec-server';
import { resolveKeyRing } from '../security/keys';
import {
  DEFAULT_DATA_DIR,
  DEFAULT_UI_PORT,
  UI_HOST,
  ensureDevServer,
  isAnswering,
  type DevServerHandle,
} from './dev-server';
import type { StartupStack } from './startup';
import { resolveTemporalBinaries } from '../tooling/temporal-binaries';

export interface LocalServices {
  devServer?: DevServerHandle;
  /** Set when this process started the codec server for the dev server's UI. */
  codec?: { url: string; token: string };
}

function portFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${name} must be a port number, not "${raw}"`);
  return port;
}

/** Starts what a local address lacks; every started thing is registered on `stack` as soon as it exists. */
export async function startLocalServices(
  settings: ConnectionSettings,
  stack: StartupStack,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LocalServices> {
  if (!(await stack.step(isLocalPlainAddress(settings))) || env.KCCP_DEV_SERVER === 'off') return {};
  if (await stack.step(isAnswering(settings.address))) {
    console.log(`A Temporal server already answers at ${settings.address}; using it as it is.`);
    return { devServer: { address: settings.address, startedHere: false, stop: async () => undefined } };
  }
  const uiPort = portFromEnv(env, 'TEMPORAL_UI_PORT', DEFAULT_UI_PORT);
  const dataDir = env.KCCP_DEV_DATA_DIR?.trim() ? path.resolve(env.KCCP_DEV_DATA_DIR.trim()) : DEFAULT_DATA_DIR;
  const { cli } = await stack.step(resolveTemporalBinaries({ install: true }));

  // The same ring as this worker's (the configured one, or the machine's development key).
  const { ring } = resolveKeyRing({ address: settings.address, plainLoopback: true }, env);
  const token = randomBytes(24).toString('base64url');
  const codecServer = await stack.step(
    startCodecServer({
      codec: new EncryptionCodec(ring),
      token,
      allowedOrigins: [`http://${UI_HOST}:${uiPort}`],
      host: '127.0.0.1',
      port: portFromEnv(env, 'KCCP_CODEC_PORT', DEFAULT_CODEC_PORT),
      // Each request would be a line among the worker's; a refused one shows in the UI.
      log: () => undefined,
    }),
  );
  stack.register('codec server', () => codecServer.close());
  console.log(`Codec server: ${codecServer.url} (for the Web UI; loopback only, CORS to http://${UI_HOST}:${uiPort}).`);

  const devServer = await stack.step(
    ensureDevServer({
      cliPath: cli.path,
      settings,
      uiPort,
      dbFile: path.join(dataDir, 'kccp.db'),
      codecEndpoint: codecServer.url,
      onSpawned: ({ stop }) => stack.register('Temporal dev server', stop),
      log: (line) => console.log(line),
      signal: stack.signal,
    }),
  );
  if (!devServer.startedHere) {
    // Someone's server came up between the check and the start: leave it alone, codec setup included.
    console.log(`A Temporal server already answers at ${settings.address}; using it as it is.`);
    return { devServer };
  }
  console.log(`Started the Temporal dev server at ${devServer.address} (pid ${devServer.pid}).`);
  return { devServer, codec: { url: codecServer.url, token } };
}

/** What the operator reads last at start-up: where the UI is, and how it shows courses decoded. */
export async function webUiLines(settings: ConnectionSettings, local: LocalServices): Promise<string[]> {
  const { devServer, codec } = local;
  if (devServer?.uiUrl && codec) {
    return [
      `Web UI: ${devServer.uiUrl}`,
      `To read courses there (payloads are encrypted): sign in at ${codec.url}/login with this development token,`,
      `valid until Ctrl-C and printed only here: ${codec.token}`,
    ];
  }
  if (devServer?.uiUrl) return [`Web UI: ${devServer.uiUrl}`];
  if ((await isLocalPlainAddress(settings)) && (await isAnswering(`localhost:${DEFAULT_UI_PORT}`))) {
    return [`Web UI: http://localhost:${DEFAULT_UI_PORT}`];
  }
  return ['Web UI: the one of your Temporal cluster (http://localhost:8080 with temporal-compose.yml).'];
}
