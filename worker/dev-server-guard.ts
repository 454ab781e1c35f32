/**
 * The dev server runs under a small guard process that stops it when the
 * worker that started it is gone, however the worker went. A signal handler
 * is not enough: under `npm start`, tsx relays Ctrl-C to the worker and
 * SIGKILLs it when it does not acknowledge within ~60 ms, which is what
 * happens while webpack bundles the workflows on the main thread; the
 * detached dev server then kept running with its database (issue 18).
 *
 * The guard holds the read end of a pipe whose write end only the worker
 * holds: the pipe closes when the worker exits, even by SIGKILL, and the guard
 * then stops the server as SIGTERM would (SIGKILL after 15 s), and exits with
 * the server. Plain JavaScript run by `node -e`: no transpiler to start, and
 * no tsx in between to relay (or not relay) signals.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const GUARD = `
const { spawn } = require('node:child_process');
const [cli, ...args] = process.argv.slice(1);
const server = spawn(cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.kill('SIGTERM');
  setTimeout(() => server.kill('SIGKILL'), 15000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
server.on('error', (error) => {
  console.error('dev server guard: ' + error.message);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  process.exitCode = code ?? (stopping ? 0 : 1);
  process.stdin.destroy();
});
`;

/**
 * Spawns `cli args` under the guard, in its own process group (a terminal's
 * Ctrl-C reaches the worker, which stops the server in order). `child.pid` is
 * the guard's; signalling it stops the server, and it exits once the server has.
 */
export function spawnGuarded(cli: string, args: string[], logFd: number): ChildProcess {
  const child = spawn(process.execPath, ['-e', GUARD, cli, ...args], {
    detached: true,
    stdio: ['pipe', logFd, logFd],
  });
  // The pipe's write end must stay open (it is the worker's life line), without keeping the worker alive.
  (child.stdin as unknown as { _handle?: { unref?: () => void } })._handle?.unref?.();
  return child;
}
