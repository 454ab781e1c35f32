/**
 * A Temporal cluster on this machine in its production shape: PostgreSQL, the
 * `temporal` and `temporal_visibility` schemas set up and updated by the
 * schema tool, and the history, matching, frontend and internal-worker
 * services as separate processes reading one config. The folder keeps the
 * data, the config and the logs; starting again on the same folder reuses the
 * data. The fault test stops and starts single processes through `services`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerCourseSearchAttributes } from '../../worker/search-attributes';
import { ensureServerBinaries, type ServerBinaries } from './binaries';
import { defaultPorts, serverConfig, SERVICES, type ClusterPorts, type ServiceName } from './config';
import { PG_USER, preparePostgres } from './postgres';
import { managedProcess, type ManagedProcess } from './process';

const run = promisify(execFile);
const ALREADY_EXISTS = 6;

export interface ClusterOptions {
  /** Data, config and logs; reused when it holds a cluster already. */
  dir: string;
  /** Used when the folder has no cluster yet; a reused cluster keeps the ports it was created with. */
  ports?: ClusterPorts;
  namespace?: string;
  log?: (line: string) => void;
}

export interface Cluster {
  /** The frontend: TEMPORAL_ADDRESS for the worker, kccp and the benchmark. */
  address: string;
  namespace: string;
  ports: ClusterPorts;
  postgres: ManagedProcess;
  services: Record<ServiceName, ManagedProcess>;
  binaries: ServerBinaries;
  /** Seconds each start-up step took, for the README's figures. */
  timings: Record<string, number>;
  logDir: string;
  /** Services in reverse order, then PostgreSQL. */
  stop(): Promise<void>;
}

function loadPorts(dir: string, wanted: ClusterPorts | undefined): ClusterPorts {
  const file = path.join(dir, 'ports.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ClusterPorts;
  const ports = wanted ?? defaultPorts();
  writeFileSync(file, `${JSON.stringify(ports, null, 2)}\n`);
  return ports;
}

/** create, setup-schema -v 0.0 once (a marker file remembers), then update-schema to the module's latest every start. */
async function ensureSchemas(bin: ServerBinaries, dir: string, port: number, log: (line: string) => void) {
  for (const [database, schema] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const tool = (...args: string[]) =>
      run(bin.sqlTool, [
        '--plugin',
        'postgres12',
        '--ep',
        '127.0.0.1',
        '-p',
        String(port),
        '-u',
        PG_USER,
        '--pw',
        PG_USER,
        '--db',
        database,
        ...args,
      ]).catch((error: Error & { stderr?: string }) => {
        throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed: ${error.stderr || error.message}`);
      });
    const marker = path.join(dir, `schema-${database}.created`);
    if (!existsSync(marker)) {
      log(`Creating database ${database} and its base schema`);
      await tool('create');
      await tool('setup-schema', '-v', '0.0');
      writeFileSync(marker, `${new Date().toISOString()}\n`);
    }
    await tool('update-schema', '-d', path.join(bin.moduleDir, 'schema', 'postgresql', 'v12', schema, 'versioned'));
  }
}

/** An error `until` passes on at once instead of retrying. */
class Fatal extends Error {}

async function until<T>(what: string, deadline: number, attempt: () => Promise<T | undefined>): Promise<T> {
  let last: unknown;
  for (;;) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what} timed out: ${(last as Error | undefined)?.message ?? 'not yet'}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The namespace (30 days' retention, as the compose file) and the course search attributes, idempotently. */
async function registerNamespace(address: string, namespace: string, healthy: () => void): Promise<void> {
  const deadline = Date.now() + 120_000;
  const connection = await until(`connecting to ${address}`, deadline, async () => {
    healthy();
    return Connection.connect({ address, connectTimeout: '5s' });
  });
  try {
    await until(`registering namespace ${namespace}`, deadline, async () => {
      healthy();
      try {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs('30 days'),
        });
      } catch (error) {
        if (!(isGrpcServiceError(error) && error.code === ALREADY_EXISTS)) throw error;
      }
      return true;
    });
    // A new namespace reaches the other services' caches within seconds; attributes need it there.
    await until(`search attributes on ${namespace}`, deadline, async () => {
      healthy();
      await registerCourseSearchAttributes(connection, namespace);
      return true;
    });
  } finally {
    await connection.close();
  }
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? console.log;
  const namespace = options.namespace ?? 'default';
  const logDir = path.join(options.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const timings: Record<string, number> = {};
  const timed = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const began = Date.now();
    const result = await work();
    timings[step] = Math.round((Date.now() - began) / 100) / 10;
    return result;
  };

  const binaries = await timed('build', () => ensureServerBinaries(log));
  const ports = loadPorts(options.dir, options.ports);
  const postgres = await preparePostgres({
    dataDir: path.join(options.dir, 'postgresql'),
    port: ports.postgres,
    logFile: path.join(logDir, 'postgresql.log'),
    log,
  });
  const configFile = path.join(options.dir, 'temporal.yaml');
  writeFileSync(configFile, serverConfig(ports));
  const services = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      managedProcess({
        name,
        command: binaries.server,
        args: ['--config-file', configFile, '--allow-no-auth', 'start', '--service', name],
        logFile: path.join(logDir, `${name}.log`),
        port: ports.grpc[name],
        readyTimeoutMs: 120_000,
      }),
    ]),
  ) as Record<ServiceName, ManagedProcess>;

  const cluster: Cluster = {
    address: `127.0.0.1:${ports.grpc.frontend}`,
    namespace,
    ports,
    postgres,
    services,
    binaries,
    timings,
    logDir,
    async stop() {
      for (const name of [...SERVICES].reverse()) await services[name].stop('SIGTERM', 15_000);
      // SIGINT is PostgreSQL's fast shutdown: sessions end, data is checkpointed.
      await postgres.stop('SIGINT', 30_000);
    },
  };
  try {
    await timed('postgresql', () => postgres.start());
    await timed('schemas', () => ensureSchemas(binaries, options.dir, ports.postgres, log));
    // History first: the others find their shards through it.
    await timed('services', async () => {
      for (const name of SERVICES) await services[name].start();
    });
    // A service can listen and still die a moment later (a bad config value fails its first database write).
    const healthy = () => {
      const dead = SERVICES.filter((name) => !services[name].running());
      if (dead.length)
        throw new Fatal(`${dead.join(', ')} exited: see ${dead.map((n) => path.join(logDir, `${n}.log`)).join(', ')}`);
    };
    await timed('namespace', () => registerNamespace(cluster.address, namespace, healthy));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return cluster;
}
