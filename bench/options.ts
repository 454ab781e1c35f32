/** The benchmark's command line: what `npm run bench -- --help` prints. */
import os from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { CATALOGUE_SUBJECTS } from './support/scenario';

export interface Options {
  courses: number;
  openCourses: number;
  stepSeconds: number;
  saturationCourses: number;
  skipSaturation?: boolean;
  skipScale?: boolean;
  skipTimeskip?: boolean;
  productionRss?: boolean;
  json?: boolean;
  address?: string;
  serverPids?: number[];
  /** Folder for the throwaway dev server's SQLite file. */
  dbDir: string;
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
};
const positiveNumber = (value: string) => {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('a number above 0');
  return n;
};

const pidList = (value: string) => {
  const pids = value.split(',').map(Number);
  if (pids.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError('process ids separated by commas');
  return pids;
};

export function parseOptions(argv: string[]): Options {
  return new Command('bench')
    .description(
      'orchestration cost against the engine: real courses and baseline, saturation, scale, time-skipping lifecycle',
    )
    .option(
      '--courses <n>',
      'courses through one annual cycle (the JFY2020 catalogue by default)',
      positiveInt,
      CATALOGUE_SUBJECTS.length,
    )
    .option('--open-courses <n>', 'courses held open at once in the scale phase', positiveInt, 5_000)
    .option('--step-seconds <s>', 'time between the windows of the compressed calendar', positiveNumber, 10)
    .option(
      '--saturation-courses <n>',
      'courses answering the request survey from every country at once in the saturation phase',
      positiveInt,
      12,
    )
    .option('--skip-saturation', 'skip the saturation phase')
    .option('--skip-scale', 'skip the open-courses phase')
    .option('--skip-timeskip', 'skip the three-cycle time-skipping lifecycle')
    .option('--production-rss', 'only compare the worker RSS of npm start (tsx) and the production build (dist/)')
    .option('--json', 'print one JSON object instead of the table')
    .option(
      '--address <host:port>',
      'a running Temporal frontend (namespace default) instead of a dev server of its own',
    )
    .option('--server-pids <pids>', "with --address: the server's process ids, to count its CPU", pidList)
    .option(
      '--db-dir <dir>',
      "folder for the dev server's throwaway SQLite file (/dev/shm: memory-backed)",
      // On disk by default, as npm start's and a cluster's are; on this VM the dev server's SQLite then waits
      // on fsync, which slows the engine baseline far more than the course (the README has both).
      os.tmpdir(),
    )
    .parse(argv)
    .opts<Options>();
}
