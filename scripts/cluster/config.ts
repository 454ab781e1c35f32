/**
 * The one server config every Temporal service process reads: PostgreSQL for
 * history and SQL visibility (which supports the course search attributes),
 * each service on its own gRPC and membership ports on 127.0.0.1, and the
 * project's dynamic config (deploy/temporal/dynamicconfig/kccp.yaml), the same
 * file the compose server reads.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { PG_USER } from './postgres';
import { PROJECT_DIR } from './binaries';

export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface ClusterPorts {
  postgres: number;
  frontendHttp: number;
  grpc: Record<ServiceName, number>;
  membership: Record<ServiceName, number>;
}

/**
 * `npm run cluster`'s ports, all from the frontend's: by default where `npm start` and `kccp` look (127.0.0.1:7233), PostgreSQL on 5433.
 * Membership ports must stay below 32768: the server keeps them in a smallint column.
 */
export function defaultPorts(frontend = 7233): ClusterPorts {
  return {
    postgres: frontend - 1800,
    frontendHttp: frontend + 10,
    grpc: { frontend, history: frontend + 1, matching: frontend + 2, worker: frontend + 6 },
    membership: { frontend: frontend - 300, history: frontend - 299, matching: frontend - 298, worker: frontend - 294 },
  };
}

export const DYNAMIC_CONFIG = path.join(PROJECT_DIR, 'deploy', 'temporal', 'dynamicconfig', 'kccp.yaml');

function datastore(database: string, port: number, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${port}`,
      connectProtocol: 'tcp',
      user: PG_USER,
      password: PG_USER,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

export function serverConfig(ports: ClusterPorts): string {
  const service = (name: ServiceName) => ({
    rpc: {
      grpcPort: ports.grpc[name],
      membershipPort: ports.membership[name],
      bindOnLocalHost: true,
      ...(name === 'frontend' ? { httpPort: ports.frontendHttp } : {}),
    },
  });
  return stringify({
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      // Fixed for the life of the database: 4 is plenty for one machine; a real deployment picks 512 or more.
      numHistoryShards: 4,
      datastores: {
        'postgres-default': datastore('temporal', ports.postgres, 20),
        'postgres-visibility': datastore('temporal_visibility', ports.postgres, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services: Object.fromEntries(SERVICES.map((name) => [name, service(name)])),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.grpc.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: DYNAMIC_CONFIG, pollInterval: '10s' },
  });
}
