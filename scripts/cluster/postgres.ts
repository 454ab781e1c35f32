/**
 * PostgreSQL for the cluster: Debian's package (installed when missing), one
 * database cluster under the cluster's folder, listening on 127.0.0.1 only,
 * with the `temporal` superuser the Temporal config names. PostgreSQL will not
 * run as root, so as root the data folder belongs to, and the server runs as,
 * the package's `postgres` user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { managedProcess, type ManagedProcess } from './process';

const run = promisify(execFile);
export const PG_USER = 'temporal';

function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** The PostgreSQL binaries; apt-get installs Debian's `postgresql` when they are missing. */
export function ensurePostgresInstalled(log: (line: string) => void): string {
  const found = postgresBinDir();
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('PostgreSQL is not installed: run `apt-get install -y postgresql` as root, then try again');
  }
  log('Installing PostgreSQL (apt-get install -y postgresql)...');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const installed = postgresBinDir();
  if (!installed) throw new Error('apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb is there');
  return installed;
}

/** uid/gid to run PostgreSQL as: the `postgres` user when we are root, else ourselves. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  logFile: string;
  log: (line: string) => void;
}

export async function preparePostgres(options: PostgresOptions): Promise<ManagedProcess> {
  const bin = ensurePostgresInstalled(options.log);
  const user = runAs();
  const fresh = !existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (fresh) {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    if (user.uid !== undefined) {
      chownSync(options.dataDir, user.uid, user.gid!);
      // The postgres user must reach its folder through ours (a mkdtemp folder is 0700).
      chmodSync(path.dirname(options.dataDir), 0o755);
    }
    options.log(`Creating the PostgreSQL cluster in ${options.dataDir}`);
    // Trust on loopback only: the server listens on 127.0.0.1 and nowhere else.
    await run(
      path.join(bin, 'initdb'),
      ['-D', options.dataDir, '-U', PG_USER, '--auth=trust', '--encoding=UTF8', '--no-instructions'],
      { ...user },
    );
  }
  return managedProcess({
    name: 'postgresql',
    command: path.join(bin, 'postgres'),
    args: ['-D', options.dataDir, '-p', String(options.port), '-h', '127.0.0.1', '-k', options.dataDir],
    logFile: options.logFile,
    port: options.port,
    ...user,
    ready: async () => {
      try {
        await run(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(options.port)]);
        return true;
      } catch {
        return false;
      }
    },
  });
}
