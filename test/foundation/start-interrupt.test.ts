/**
 * Issue 18: Ctrl-C at any moment of `npm start`'s start-up stops everything it
 * started. Each case starts the real worker entry (its own dev server, codec
 * server, ports and data folder), interrupts it when a start-up stage's line
 * appears, and then looks for what could be left: the worker's processes, the
 * dev server's process (by pid) and any of the three ports listening.
 */
import { isAnswering } from '../../worker/dev-server';
import { groupAlive, processAlive, processesMentioning, startNpmStart, type NpmStart } from '../support/npm-start';
import { waitFor } from '../support/wait-for';

let run: NpmStart | undefined;

afterEach(async () => {
  await run?.cleanup();
  run = undefined;
});

async function interruptAt(stage: string): Promise<string> {
  run = await startNpmStart();
  const spawned = await run.waitForLine('Starting the Temporal dev server at');
  const devServerPid = Number(/\(pid (\d+)\)/.exec(spawned)?.[1]);
  expect(devServerPid).toBeGreaterThan(0);
  await run.waitForLine(stage);
  run.interrupt();

  const exit = await waitFor(() => run!.exited, { timeoutMs: 60_000, description: 'the worker to exit' });
  const pid = run.child.pid!;
  const { address, uiPort, codecPort, dataDir } = run;
  const leftovers = async () => ({
    workerProcesses: groupAlive(pid),
    processesOnItsData: processesMentioning(dataDir),
    devServerProcess: processAlive(devServerPid),
    temporalPort: await isAnswering(address),
    uiPort: await isAnswering(`127.0.0.1:${uiPort}`),
    codecPort: await isAnswering(`127.0.0.1:${codecPort}`),
  });
  const none = {
    workerProcesses: false,
    processesOnItsData: [],
    devServerProcess: false,
    temporalPort: false,
    uiPort: false,
    codecPort: false,
  };
  // When tsx SIGKILLs the worker (see worker/dev-server-guard.ts), the guard stops the server after the worker is gone.
  const left = await waitFor(
    async () => {
      const found = await leftovers();
      return JSON.stringify(found) === JSON.stringify(none) ? found : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200, description: 'nothing left of npm start' },
  ).catch(async () => leftovers());
  expect({ exit, left }).toEqual({ exit: expect.anything(), left: none });
  // Nothing failed to stop, and no error was reported.
  expect(run.stderr()).not.toMatch(/fail|error/i);
  return run.stdout();
}

describe('Ctrl-C during npm start', () => {
  it('before the dev server answers: the dev server it spawned stops too', async () => {
    expect(await interruptAt('Starting the Temporal dev server at')).toContain('SIGINT: stopping start-up');
  });

  it('while the dev server registers the course search attributes', async () => {
    // Registration takes milliseconds: the signal may land in it or in the bundling that follows.
    expect(await interruptAt('registering the course search attributes')).toContain('Temporal dev server answers');
  });

  it('while the worker bundles the workflows', async () => {
    await interruptAt('Bundling the workflows');
  });

  it('once the worker polls: it drains, then the dev server and the codec server stop', async () => {
    run = await startNpmStart();
    const spawned = await run.waitForLine('Starting the Temporal dev server at');
    const devServerPid = Number(/\(pid (\d+)\)/.exec(spawned)?.[1]);
    await run.waitForLine('Press Ctrl-C to stop.');
    expect(await isAnswering(`127.0.0.1:${run.codecPort}`)).toBe(true);
    run.interrupt();
    await waitFor(() => run!.exited, { timeoutMs: 60_000, description: 'the worker to exit' });

    expect(run.stdout()).toContain('Worker drained.');
    expect(processAlive(devServerPid)).toBe(false);
    expect(groupAlive(run.child.pid!)).toBe(false);
    expect(processesMentioning(run.dataDir)).toEqual([]);
    expect(await isAnswering(run.address)).toBe(false);
    expect(await isAnswering(`127.0.0.1:${run.uiPort}`)).toBe(false);
    expect(await isAnswering(`127.0.0.1:${run.codecPort}`)).toBe(false);
  });
});
