/**
 * A test-only workflow that proves the foundation: it sleeps as long as it is
 * told and reports the workflow clock before and after, so a test can tell a
 * time-skipping server (the clock jumps) from a real one.
 */
import { sleep } from '@temporalio/workflow';

export interface ClockReading {
  startedAt: number;
  finishedAt: number;
}

export async function sleepAndReadClock(durationMs: number): Promise<ClockReading> {
  const startedAt = Date.now();
  await sleep(durationMs);
  return { startedAt, finishedAt: Date.now() };
}
