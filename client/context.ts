/** What every command shares: global options, the connection, who acts, idempotency keys. */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { connectClient, describeConnectionSettings, loadConnectionSettings } from '../platform/connection';
import { badInput, refused } from './errors';
import { activeSigningKey } from './signing';

export interface GlobalOptions {
  json?: boolean;
  address?: string;
  namespace?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Settings from the environment (Temporal's own variables and profiles), with --address/--namespace on top. */
export function settingsFor(options: GlobalOptions) {
  return loadConnectionSettings({
    ...process.env,
    ...(options.address ? { TEMPORAL_ADDRESS: options.address } : {}),
    ...(options.namespace ? { TEMPORAL_NAMESPACE: options.namespace } : {}),
  });
}

/** Runs `work` with a connected client and always closes the connection. */
export async function withClient<T>(options: GlobalOptions, work: (client: Client) => Promise<T>): Promise<T> {
  const settings = settingsFor(options);
  let client: Client;
  try {
    client = await connectClient(settings);
  } catch (error) {
    throw refused(`cannot reach Temporal at ${describeConnectionSettings(settings)}: ${(error as Error).message}`, [
      'Is the server running (npm start, or temporal server start-dev)? Set TEMPORAL_ADDRESS or --address to reach another one.',
    ]);
  }
  try {
    return await work(client);
  } finally {
    await client.connection.close();
  }
}

/** Who records a decision: --as, then KCCP_ACTOR, then the signing key's owner, then the OS user. */
export function resolveActor(as: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const named = as?.trim() || env.KCCP_ACTOR?.trim();
  const key = activeSigningKey();
  if (named && key && named !== key.actor) {
    throw badInput(
      `the signing key ${key.keyId} belongs to ${key.actor}, but the decision would be recorded as ${named} (--as or KCCP_ACTOR)`,
    );
  }
  return named || key?.actor || os.userInfo().username;
}

/** A fresh key per command: retrying the same command by hand with --key counts once. */
export function newIdempotencyKey(kind: string): string {
  return `kccp:${kind}:${randomUUID()}`;
}
