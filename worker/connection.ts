/**
 * The worker's connection, opened from the very settings the admin client
 * uses (client/connection.ts), so the two always meet on the same namespace.
 */
import { NativeConnection } from '@temporalio/worker';
import { connectionOptions, loadConnectionSettings, type ConnectionSettings } from '../platform/connection';

export async function connectWorkerConnection(
  settings: ConnectionSettings = loadConnectionSettings(),
): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(settings));
}
