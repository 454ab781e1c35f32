/**
 * Many courses open at once: each started through the admin client's own
 * start and waiting in its request survey window (a day long), after the
 * worker has run the first task of every one of them.
 */
import type { Client } from '@temporalio/client';
import { checkSpec, startCourse } from '../../client/course-start';
import { courseLifecycleWorkflowType } from '../../workflows/messages';
import { inPool, progress } from '../support/measure';
import { benchCourse } from '../support/scenario';

const DAY = 86_400_000;

export interface ScaleResult {
  openCourses: number;
  startSeconds: number;
  settleSeconds: number;
  failures: string[];
}

/** Resolves once the worker has used under 3% of a core for five seconds in a row. */
export async function untilIdle(cpuSeconds: () => number): Promise<void> {
  let quiet = 0;
  let last = cpuSeconds();
  const deadline = Date.now() + 30 * 60_000;
  while (quiet < 5) {
    if (Date.now() > deadline) throw new Error('the worker was still busy after 30 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuSeconds();
    quiet = now - last < 0.03 ? quiet + 1 : 0;
    last = now;
  }
}

export async function openManyCourses(
  client: Client,
  count: number,
  prefix: string,
  workerCpuSeconds: () => number,
): Promise<ScaleResult> {
  const failures: string[] = [];
  const began = Date.now();
  let done = 0;
  const report = setInterval(() => progress(`scale: ${done}/${count}`), 10_000);
  try {
    await inPool(
      Array.from({ length: count }, (_, i) => i),
      32,
      async (i) => {
        // Formulation closed a minute ago; the survey window stays open for a day.
        const course = benchCourse(i, { start: Date.now() - DAY - 60_000, stepMs: DAY, prefix, largest: false });
        const spec = checkSpec(course.spec);
        if (!spec.ok) throw new Error(`${course.spec.code}: ${spec.reason}`);
        const outcome = await startCourse(client, spec.spec);
        if (!outcome.started) failures.push(`${course.spec.code}: ${outcome.reason}`);
        done += 1;
      },
    );
    const started = Date.now();
    progress(
      `scale: ${count} courses started in ${((started - began) / 1000).toFixed(0)} s; waiting for the worker to settle`,
    );
    // Every course has run its first task (and waits on its survey timer) once the worker goes quiet.
    await untilIdle(workerCpuSeconds);
    const settled = Date.now();
    const query = `WorkflowType="${courseLifecycleWorkflowType}" AND ExecutionStatus="Running" AND CourseCode STARTS_WITH "${prefix}-"`;
    // Visibility catches up shortly after the last start.
    let openCourses = 0;
    for (let i = 0; i < 60; i++) {
      openCourses = (await client.workflow.count(query)).count;
      if (openCourses >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    if (openCourses < count) failures.push(`only ${openCourses} of ${count} courses are open`);
    return {
      openCourses,
      startSeconds: (started - began) / 1000,
      settleSeconds: (settled - started) / 1000,
      failures,
    };
  } finally {
    clearInterval(report);
  }
}
