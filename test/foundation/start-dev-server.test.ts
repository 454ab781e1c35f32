import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../../domain/reference';
import { ensureDevServer, isAnswering, type DevServerHandle } from '../../worker/dev-server';
import { freePort } from '../support/ports';
import { temporalBinaries } from '../support/temporal';
import { waitFor } from '../support/wait-for';

async function customSearchAttributes(address: string): Promise<Record<string, unknown>> {
  const connection = await Connection.connect({ address });
  try {
    return (await connection.operatorService.listSearchAttributes({ namespace: 'default' })).customAttributes ?? {};
  } finally {
    await connection.close();
  }
}

describe('ensureDevServer (what npm start runs)', () => {
  let dir: string;
  const handles: DevServerHandle[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-dev-server-'));
  });

  afterEach(async () => {
    for (const handle of handles.splice(0)) await handle.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a server when none answers, leaves a running one alone, and stops only its own', async () => {
    const { cli } = await temporalBinaries();
    const address = `127.0.0.1:${await freePort()}`;
    const settings = { address, namespace: 'default' };
    const options = { cliPath: cli.path, settings, uiPort: await freePort(), dbFile: path.join(dir, 'kccp.db') };

    const own = await ensureDevServer(options);
    handles.push(own);
    const borrowed = await ensureDevServer(options);
    await borrowed.stop();

    expect(own.startedHere).toBe(true);
    expect(own.uiUrl).toBe(`http://127.0.0.1:${options.uiPort}`);
    expect(borrowed.startedHere).toBe(false);
    expect(await isAnswering(address)).toBe(true);

    await own.stop();
    expect(await isAnswering(address)).toBe(false);
  });

  it('registers the course search attributes even in a database created without them', async () => {
    const { cli } = await temporalBinaries();
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    const dbFile = path.join(dir, 'kccp.db');
    // A database made by a bare dev server, as an older checkout or a hand-started server leaves it.
    const bare = spawn(
      cli.path,
      ['server', 'start-dev', '--headless', '--ip', '127.0.0.1', '--port', String(port), '--db-filename', dbFile],
      {
        stdio: 'ignore',
      },
    );
    const bareExited = new Promise((resolve) => bare.once('exit', resolve));
    try {
      await waitFor(() => customSearchAttributes(address), { timeoutMs: 30_000, description: 'the bare dev server' });
    } finally {
      bare.kill('SIGTERM');
      await bareExited;
    }

    const handle = await ensureDevServer({
      cliPath: cli.path,
      settings: { address, namespace: 'default' },
      uiPort: await freePort(),
      dbFile,
    });
    handles.push(handle);

    expect(Object.keys(await customSearchAttributes(address))).toEqual(
      expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES)),
    );
  });
});
