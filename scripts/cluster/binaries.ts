/**
 * The pinned Temporal server and its SQL schema tool, built from the Go module
 * proxy into a git-ignored folder once per machine (minutes on two cores) and
 * reused after. The schemas and the config template come from the same module
 * version, so server, tool and schema always agree.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
/** The server needs Go ≥ 1.26.10; the go command fetches this toolchain from the module proxy itself. */
export const GO_TOOLCHAIN = 'go1.27.3';
const MODULE = 'go.temporal.io/server';

export const PROJECT_DIR = path.resolve(__dirname, '..', '..');
/** Git-ignored (var/); CLUSTER_BIN_DIR moves it, e.g. to a CI cache directory. */
export const BIN_DIR =
  process.env.CLUSTER_BIN_DIR ?? path.join(PROJECT_DIR, 'var', 'cluster-bin', TEMPORAL_SERVER_VERSION);

export interface ServerBinaries {
  server: string;
  sqlTool: string;
  /** The module's source: schema/postgresql/v12/... */
  moduleDir: string;
  /** Seconds the build took in this call; 0 when reused. */
  builtSeconds: number;
}

const goEnv = () => ({ ...process.env, GOTOOLCHAIN: GO_TOOLCHAIN, GOBIN: BIN_DIR });

async function goInstall(pkg: string, log: (line: string) => void): Promise<void> {
  log(`go install ${pkg}@${TEMPORAL_SERVER_VERSION} (${GO_TOOLCHAIN}) into ${BIN_DIR}`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', `${pkg}@${TEMPORAL_SERVER_VERSION}`], {
      env: goEnv(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', (error) =>
      reject(new Error(`cannot run go (needed to build the Temporal server): ${error.message}`)),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go install ${pkg} exited ${code}`))));
  });
}

/** A go command (any since 1.21 fetches the pinned toolchain); Debian's golang-go when there is none and we are root. */
async function ensureGo(log: (line: string) => void): Promise<void> {
  try {
    await run('go', ['version']);
    return;
  } catch {
    if (process.getuid?.() !== 0) throw new Error('go is not installed: install Go 1.21 or later, then try again');
  }
  log('Installing Go (apt-get install -y golang-go) to build the Temporal server...');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'golang-go', 'ca-certificates', 'git'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Builds what is missing; returns paths to the binaries and the module source. */
export async function ensureServerBinaries(log: (line: string) => void = console.log): Promise<ServerBinaries> {
  mkdirSync(BIN_DIR, { recursive: true });
  await ensureGo(log);
  const server = path.join(BIN_DIR, 'temporal-server');
  const sqlTool = path.join(BIN_DIR, 'temporal-sql-tool');
  const began = Date.now();
  let built = false;
  // go install names a binary after its package folder (server, sql): renamed to the names Temporal's images use.
  if (!existsSync(server)) {
    await goInstall(`${MODULE}/cmd/server`, log);
    renameSync(path.join(BIN_DIR, 'server'), server);
    built = true;
  }
  if (!existsSync(sqlTool)) {
    await goInstall(`${MODULE}/cmd/tools/sql`, log);
    renameSync(path.join(BIN_DIR, 'sql'), sqlTool);
    built = true;
  }
  const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], {
    env: goEnv(),
    maxBuffer: 1 << 20,
  });
  const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!moduleDir || !existsSync(path.join(moduleDir, 'schema', 'postgresql', 'v12'))) {
    throw new Error(`the ${MODULE}@${TEMPORAL_SERVER_VERSION} module has no schema/postgresql/v12 (at ${moduleDir})`);
  }
  const builtSeconds = built ? Math.round((Date.now() - began) / 1000) : 0;
  if (built) log(`Temporal server ${TEMPORAL_SERVER_VERSION} built in ${builtSeconds} s`);
  return { server, sqlTool, moduleDir, builtSeconds };
}
