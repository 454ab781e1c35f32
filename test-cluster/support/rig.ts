/**
 * The cluster test's parts: a cluster of scripts/cluster on ports free now,
 * in a folder of its own, and the course worker as operators run it
 * (worker/main.ts through tsx) pointed at it with mail to the loopback sink.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startCluster, type Cluster } from '../../scripts/cluster/cluster';
import type { ClusterPorts } from '../../scripts/cluster/config';
import { envWithoutCodecKeys, TEST_CODEC_ENV } from '../../test/support/codec-keys';
import { startWorkerProcess, type WorkerProcess } from '../../test/support/worker-process';

/** A port free now below 32768: Temporal keeps membership ports in a PostgreSQL smallint column. */
export function freeLowPort(): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  return (async () => {
    for (;;) {
      const port = 20_000 + Math.floor(Math.random() * 12_000);
      if (await tryPort(port)) return port;
    }
  })();
}

export async function freeClusterPorts(): Promise<ClusterPorts> {
  const taken = new Set<number>();
  const port = async () => {
    for (;;) {
      const p = await freeLowPort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  return {
    postgres: await port(),
    frontendHttp: await port(),
    grpc: { frontend: await port(), history: await port(), matching: await port(), worker: await port() },
    membership: { frontend: await port(), history: await port(), matching: await port(), worker: await port() },
  };
}

export interface TestCluster {
  cluster: Cluster;
  dir: string;
}

/** A new cluster in a temp folder (PostgreSQL's data inside it, readable by the postgres user). */
export async function startTestCluster(log: (line: string) => void): Promise<TestCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-cluster-'));
  chmodSync(dir, 0o755);
  const cluster = await startCluster({ dir, ports: await freeClusterPorts(), log });
  return { cluster, dir };
}

export interface ClusterWorkerOptions {
  address: string;
  smtpUrl: string;
  reportsDir: string;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * `npm start`'s worker (worker/main.ts) on the cluster: the test's codec ring, mail to the sink, no
 * health port. Node loads tsx itself (no tsx wrapper process), so a SIGKILL reaches the worker.
 */
export function startClusterWorker(options: ClusterWorkerOptions): Promise<WorkerProcess> {
  return startWorkerProcess({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(ROOT, 'worker', 'main.ts')],
    cwd: ROOT,
    env: {
      ...envWithoutCodecKeys(),
      ...TEST_CODEC_ENV,
      TEMPORAL_ADDRESS: options.address,
      TEMPORAL_NAMESPACE: 'default',
      SMTP_URL: options.smtpUrl,
      MAIL_OUTBOX_DIR: '',
      HEALTH_PORT: 'off',
      KCCP_REPORTS_DIR: options.reportsDir,
    },
    timeoutMs: 180_000,
  });
}
