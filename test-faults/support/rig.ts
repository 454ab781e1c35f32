/**
 * The rig the fault suites share: a mail sink, a Temporal server on its own
 * database that can be restarted, a client, the workflow bundle in a file,
 * and worker processes on it, all torn down by one close().
 *
 *   let rig: FaultRig | undefined;
 *   afterAll(() => rig?.close());
 *   rig = await startFaultRig('smtp');
 *   const worker = rig.worker('faults-smtp');
 *   await worker.start();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startRestartableServer, type RestartableServer } from './dev-server';
import { startMailSink, type MailSink } from './mail-sink';
import { bundleToFile } from './scenario';
import { workerChild, type WorkerChild } from './worker-child';

export interface FaultRig {
  dir: string;
  sink: MailSink;
  server: RestartableServer;
  connection: Connection;
  client: Client;
  bundlePath: string;
  /** A worker process (not yet started) polling `taskQueue` with the rig's bundle, server and mail sink. */
  worker(taskQueue: string, options?: { standby?: boolean }): WorkerChild;
  close(): Promise<void>;
}

/** `interceptorModules` are bundled with the workflows (e.g. the heartbeat interceptor of the kill suite). */
export async function startFaultRig(name: string, interceptorModules?: string[]): Promise<FaultRig> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kccp-faults-${name}-`));
  const children: WorkerChild[] = [];
  let sink: MailSink | undefined;
  let server: RestartableServer | undefined;
  let connection: Connection | undefined;
  const close = async () => {
    for (const child of children) await child.close();
    await connection?.close();
    await server?.stop();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    sink = await startMailSink();
    server = await startRestartableServer(dir);
    connection = await Connection.connect({ address: server.address });
    const bundlePath = await bundleToFile(dir, interceptorModules);
    const rig: FaultRig = {
      dir,
      sink,
      server,
      connection,
      client: new Client({ connection }),
      bundlePath,
      worker(taskQueue, options = {}) {
        const child = workerChild({
          env: {
            TEMPORAL_ADDRESS: rig.server.address,
            TEMPORAL_NAMESPACE: 'default',
            SMTP_URL: rig.sink.url,
            FAULTS_BUNDLE_PATH: bundlePath,
            FAULTS_TASK_QUEUE: taskQueue,
          },
          ...(options.standby ? { standby: true } : {}),
        });
        children.push(child);
        return child;
      },
      close,
    };
    return rig;
  } catch (error) {
    await close();
    throw error;
  }
}
