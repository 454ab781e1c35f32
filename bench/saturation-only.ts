/**
 * `npx tsx bench/saturation-only.ts [course|baseline] [courses]`: the saturation phase alone on a dev
 * server of its own, for profiling one side (BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR").
 */
import './support/runtime';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectClient } from '../platform/connection';
import { ensureDevServer } from '../worker/dev-server';
import { resolveTemporalBinaries } from '../tooling/temporal-binaries';
import { freePort } from '../test/support/ports';
import { saturationPhase } from './phases/saturation';
import { cleanUp, onCleanUp } from './support/cleanup';
import { startSmtpSink } from './support/smtp-sink';

async function main(): Promise<void> {
  const side = process.argv[2] === 'baseline' ? 'baseline' : 'course';
  const courses = Number(process.argv[3] ?? 12);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'kccp-sat-'));
  onCleanUp(() => rmSync(tmp, { recursive: true, force: true }));
  process.env.KCCP_CODEC_KEYS ??= `bench:${randomBytes(32).toString('base64')}`;
  const { cli } = await resolveTemporalBinaries({ install: false });
  const address = `127.0.0.1:${await freePort()}`;
  const server = await ensureDevServer({
    cliPath: cli.path,
    settings: { address, namespace: 'default' },
    uiPort: await freePort(),
    dbFile: path.join(tmp, 'temporal.db'),
    logFile: path.join(tmp, 'dev-server.log'),
  });
  onCleanUp(() => server.stop());
  const client = await connectClient({ address, namespace: 'default' });
  onCleanUp(() => client.connection.close());
  const sink = await startSmtpSink();
  onCleanUp(() => sink.close());
  const run = await saturationPhase(side, client, address, sink, courses);
  console.log(JSON.stringify({ ...run, failures: run.failures.slice(0, 5) }));
}

void main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    process.exit();
  });
