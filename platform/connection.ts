/**
 * One way to reach Temporal, shared by the worker, the admin client and
 * scripts, so they can never connect differently.
 *
 * Settings follow Temporal's own conventions through `@temporalio/envconfig`:
 * an optional TOML profile (TEMPORAL_CONFIG_FILE / TEMPORAL_PROFILE, default
 * ~/.config/temporalio/temporal.toml) overridden by TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY and the TEMPORAL_TLS_* variables. With
 * none of them set, it is the local dev server: localhost:7233, namespace
 * "default". The same build then runs locally, self-hosted or on Temporal Cloud.
 *
 * This file must not import `@temporalio/worker` (native code the admin client
 * does not need); the worker's NativeConnection is opened in worker/connection.ts
 * from these same settings.
 */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { DataConverter } from '@temporalio/common';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { payloadProtection, type PayloadProtection } from '../security';
import { isLoopbackHost } from '../security/loopback';

export const DEFAULT_ADDRESS = 'localhost:7233';
export const DEFAULT_NAMESPACE = 'default';

export interface ConnectionSettings {
  address: string;
  namespace: string;
  tls?: TLSConfig | boolean;
  /** Secret: never print it; use {@link describeConnectionSettings}. */
  apiKey?: string;
  /** Secret too: metadata often carries credentials. */
  metadata?: Record<string, string>;
}

export function loadConnectionSettings(env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const definedEnv = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const config = loadClientConnectConfig({ overrideEnvVars: definedEnv });
  const { address, tls, apiKey, metadata } = config.connectionOptions;
  return {
    address: address ?? DEFAULT_ADDRESS,
    namespace: config.namespace ?? DEFAULT_NAMESPACE,
    ...(tls !== undefined && tls !== null ? { tls } : {}),
    ...(apiKey !== undefined ? { apiKey: typeof apiKey === 'string' ? apiKey : undefined } : {}),
    ...(metadata !== undefined ? { metadata: stringEntries(metadata) } : {}),
  };
}

function stringEntries(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** A line safe for logs: where and how, never the key, certificates or metadata values. */
export function describeConnectionSettings(settings: ConnectionSettings): string {
  const tls = settings.tls === undefined || settings.tls === false ? 'off' : 'on';
  const auth = settings.apiKey ? ', API key set' : '';
  return `${settings.address} namespace=${settings.namespace} tls=${tls}${auth}`;
}

/**
 * True for a plain (no TLS, no API key) address on this machine: where `npm
 * start` may run a dev server itself, and where the development key may
 * encrypt. Loopback is decided by the resolved address (security/loopback.ts).
 */
export async function isLocalPlainAddress(settings: ConnectionSettings): Promise<boolean> {
  const plain = !settings.apiKey && (settings.tls === undefined || settings.tls === false);
  return plain && (await isLoopbackHost(splitAddress(settings.address).host));
}

export function splitAddress(address: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(address);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 7233) };
  const colon = address.lastIndexOf(':');
  if (colon < 0) return { host: address, port: 7233 };
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

/** Options for `Connection.connect` and `NativeConnection.connect`; both accept this shape. */
export function connectionOptions(settings: ConnectionSettings): {
  address: string;
  tls?: TLSConfig | boolean;
  apiKey?: string;
  metadata?: Record<string, string>;
} {
  const { address, tls, apiKey, metadata } = settings;
  return { address, tls, apiKey, metadata };
}

/**
 * Payload encryption for these settings (security/): the worker and every
 * client resolve the same key ring from the same environment, so what one
 * encrypts the other decrypts. Throws, naming the variable, when keys are
 * missing for a shared cluster or misconfigured.
 */
export async function payloadProtectionFor(
  settings: ConnectionSettings,
  env: NodeJS.ProcessEnv = process.env,
  options: { worker?: boolean } = {},
): Promise<PayloadProtection> {
  const target = { address: settings.address, plainLoopback: await isLocalPlainAddress(settings) };
  // A worker hands its workflows a refusal in place of a payload it cannot trust (see security/codec.ts).
  return payloadProtection(target, env, undefined, { standIn: options.worker === true });
}

/** A Client on the configured namespace; the caller closes it with `client.connection.close()`. */
export async function connectClient(
  settings: ConnectionSettings = loadConnectionSettings(),
  dataConverter?: DataConverter,
): Promise<Client> {
  const converter = dataConverter ?? (await payloadProtectionFor(settings)).dataConverter;
  const connection = await Connection.connect(connectionOptions(settings));
  return new Client({ connection, namespace: settings.namespace, dataConverter: converter });
}
