/**
 * A dev server the fault tests can stop and start again: the real `temporal`
 * CLI on a frontend port chosen at the start, its SQLite database in a temp
 * directory, so a restart comes back at the same address with every course.
 * The Web UI takes a fresh port each start: a port left free between restarts
 * can be taken meanwhile as the ephemeral port of some outgoing connection.
 */
import path from 'node:path';
import { ensureDevServer, type DevServerHandle } from '../../worker/dev-server';
import { temporalBinaries } from '../../test/support/temporal';
import { freePort } from '../../test/support/ports';

export interface RestartableServer {
  address: string;
  restarts: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
}

export async function startRestartableServer(dir: string): Promise<RestartableServer> {
  const { cli } = await temporalBinaries();
  const address = `127.0.0.1:${await freePort()}`;
  let handle: DevServerHandle | undefined;
  const server: RestartableServer = {
    address,
    restarts: 0,
    async start() {
      if (handle) return;
      handle = await ensureDevServer({
        cliPath: cli.path,
        settings: { address, namespace: 'default' },
        uiPort: await freePort(),
        dbFile: path.join(dir, 'temporal.db'),
        logFile: path.join(dir, `dev-server-${server.restarts}.log`),
      });
      if (!handle.startedHere) throw new Error(`something else answers at ${address}`);
    },
    async stop() {
      const h = handle;
      handle = undefined;
      await h?.stop();
    },
    async restart() {
      await server.stop();
      server.restarts += 1;
      await server.start();
    },
  };
  await server.start();
  return server;
}
