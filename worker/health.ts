/**
 * GET /healthz for whatever supervises the worker (a container probe, a
 * systemd watchdog): 200 while the worker polls, 503 while it starts or drains.
 */
import http from 'node:http';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

export interface HealthOptions {
  port: number;
  host?: string;
  /** Current worker state, e.g. Worker#getState(): only 'RUNNING' is healthy. */
  state: () => string;
}

/** HEALTH_PORT: unset → 9464; "off", "0" or "" → no endpoint. */
export function healthPortFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.HEALTH_PORT;
  if (raw === undefined) return 9464;
  if (raw === '' || raw === 'off' || raw === '0') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`HEALTH_PORT must be a port number or "off"; got ${JSON.stringify(raw)}`);
  }
  return port;
}

export async function startHealthServer(options: HealthOptions): Promise<HealthServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    const state = options.state();
    response
      .writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: state === 'RUNNING' ? 'ok' : 'unavailable', worker: state }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
