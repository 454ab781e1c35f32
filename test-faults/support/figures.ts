/**
 * Figures of each fault test, appended as JSON lines to the file the faults
 * jest config names (KCCP_FAULT_FIGURES), and printed as one table at the end
 * of the run by fault-table-reporter.js.
 */
import { appendFileSync } from 'node:fs';

export interface FaultFigures {
  test: string;
  faults: number;
  courses: number;
  completed: number;
  notices: number;
  duplicates: number;
  lost: number;
  failedWorkflows: number;
  /** Copies of a Message-ID the relay received again after a worker died between the relay's OK and its heartbeat. */
  resent?: number;
  seconds: number;
  note?: string;
}

export function recordFigures(figures: FaultFigures): void {
  const file = process.env.KCCP_FAULT_FIGURES;
  const line = JSON.stringify(figures);
  console.log(`fault figures: ${line}`);
  if (file) appendFileSync(file, `${line}\n`);
}

/** Seeded PRNG (mulberry32): the same seed replays the same fault schedule. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FAULTS_SEED, or a fresh seed; printed either way so a failure can be replayed. */
export function faultSeed(label: string): number {
  const seed = process.env.FAULTS_SEED ? Number(process.env.FAULTS_SEED) : Math.floor(Math.random() * 2 ** 31);
  console.log(`${label}: seed ${seed} (replay with FAULTS_SEED=${seed})`);
  return seed;
}

export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number; got ${JSON.stringify(raw)}`);
  return n;
}
