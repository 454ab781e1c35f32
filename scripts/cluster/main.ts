/**
 * `npm run cluster`: Temporal's own server on PostgreSQL, in separate service
 * processes, on this machine (scripts/cluster/cluster.ts). Builds the pinned
 * server once, reuses the data in var/cluster on the next run, prints the
 * addresses, and stops everything on Ctrl-C.
 *
 *   npm run cluster [-- --dir var/cluster --port 7233]
 *   TEMPORAL_ADDRESS=127.0.0.1:7233 npm start
 */
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PROJECT_DIR, TEMPORAL_SERVER_VERSION } from './binaries';
import { startCluster, type Cluster } from './cluster';
import { defaultPorts, SERVICES } from './config';

function port(value: string): number {
  const n = Number(value);
  // PostgreSQL goes 1800 below it; membership ports (300 below) must stay under 32768.
  if (!Number.isInteger(n) || n < 3000 || n > 32_000) throw new InvalidArgumentError('a port from 3000 to 32000');
  return n;
}

async function main(): Promise<void> {
  const options = new Command('npm run cluster')
    .description('Temporal server on PostgreSQL, one process per service, on this machine')
    .option('--dir <dir>', 'data, config and logs (kept between runs)', path.join(PROJECT_DIR, 'var', 'cluster'))
    .option('--port <port>', 'frontend gRPC port of a new cluster; the others follow it', port, 7233)
    .parse()
    .opts<{ dir: string; port: number }>();

  let cluster: Cluster | undefined = undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!cluster) {
      console.log(`${signal}: stopping once start-up ends...`);
      return;
    }
    console.log(`${signal}: stopping the services, then PostgreSQL...`);
    await cluster.stop();
    console.log('Cluster stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  cluster = await startCluster({ dir: path.resolve(options.dir), ports: defaultPorts(options.port), log: console.log });
  const { ports } = cluster;
  console.log(
    `Temporal ${TEMPORAL_SERVER_VERSION} on PostgreSQL at 127.0.0.1:${ports.postgres} (data in ${options.dir})`,
  );
  for (const name of SERVICES) {
    console.log(`  ${name.padEnd(8)} pid ${cluster.services[name].pid()}, gRPC 127.0.0.1:${ports.grpc[name]}`);
  }
  console.log(
    `Start-up: ${Object.entries(cluster.timings)
      .map(([step, s]) => `${step} ${s} s`)
      .join(', ')}`,
  );
  console.log(`Logs: ${cluster.logDir}`);
  console.log(`Namespace ${cluster.namespace} with the course search attributes.`);
  console.log(`Frontend: TEMPORAL_ADDRESS=${cluster.address} npm start   (and kccp with the same variable)`);
  const pids = SERVICES.map((name) => cluster!.services[name].pid()).join(',');
  console.log(`Benchmark: npm run bench -- --address ${cluster.address} --server-pids ${pids} --skip-scale`);
  console.log('Press Ctrl-C to stop.');
  if (stopping) {
    stopping = false;
    await stop('signal');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
