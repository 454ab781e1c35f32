/**
 * `kccp` as an operator installs it: the packed tarball (`npm pack`) installed
 * globally into a temporary prefix with npm, run from outside the repository.
 * npm fetches the package's dependencies like any install: from its cache when
 * they are there (--prefer-offline), else from the registry (about 30 s on the build machine).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compressedCourse } from '../fixtures/courses';
import { envWithoutCodecKeys, TEST_CODEC_ENV } from '../support/codec-keys';
import { startCourse } from '../support/course-harness';
import { startHarness, type Harness } from '../client/harness';

const ROOT = path.resolve(__dirname, '../..');
let tmp: string;
let tarball: string;
let kccpBin: string;
let h: Harness;

/** Runs the installed kccp in a folder outside the repository, with only the settings an operator would set. */
function installedKccp(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      kccpBin,
      args,
      { cwd: tmp, env: { ...envWithoutCodecKeys(), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kccp-pack-'));
  const packed = execFileSync('npm', ['pack', ROOT, '--pack-destination', tmp, '--silent'], {
    cwd: tmp,
    encoding: 'utf8',
  });
  tarball = path.join(tmp, packed.trim().split('\n').pop()!);
  const prefix = path.join(tmp, 'prefix');
  execFileSync(
    'npm',
    ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: tmp, stdio: 'pipe', timeout: 280_000 },
  );
  kccpBin = path.join(prefix, 'bin', 'kccp');
  h = await startHarness();
}, 300_000);

afterAll(async () => {
  await h?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the kccp package', () => {
  it('packs the admin client and what it imports, without tests, benchmarks or the worker', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/bin/kccp.js', 'package/client/main.ts']));
    const tops = new Set(files.map((f) => f.split('/')[1]));
    for (const absent of ['test', 'bench', 'worker', 'dist', 'var', 'node_modules']) expect(tops).not.toContain(absent);
  });

  it('answers --help once installed, outside the repository', async () => {
    const help = await installedKccp(['--help']);
    expect(help.out).toContain('Usage: kccp');
    expect(help.code).toBe(0);
  });

  it("answers status for a course on a dev server, with the operator's key ring", async () => {
    const code = 'KCCP-PACK-001';
    const handle = await startCourse(h.client, compressedCourse(code, Date.now() + 3_600_000));
    await h.waitForPhase(code, 'Scheduled');
    const status = await installedKccp(['--json', 'status', code], {
      TEMPORAL_ADDRESS: h.address,
      TEMPORAL_NAMESPACE: 'default',
      ...TEST_CODEC_ENV,
    });
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toEqual(expect.objectContaining({ code, phase: 'Scheduled' }));
    await handle.terminate('test done');
  });
});
