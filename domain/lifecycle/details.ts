/**
 * The course's current details in the Temporal Web UI: what each running
 * cycle waits for (the same words as `kccp status`, from status.ts) and which
 * deliveries need repair, with the command that repairs them.
 */
import { openDeliveryProblems } from './delivery';
import { waitingFor } from './status';
import type { CourseState } from './types';
import { isTerminal } from './types';
import { courseIndex } from './course';

/** Current details need only what each running cycle waits for; the full status is for the query. */
export function courseDetails(state: CourseState): string {
  const index = courseIndex(state);
  const running = state.cycles.filter((c) => !isTerminal(c.phase));
  const focus = running.find((c) => c.cycle === index.cycle);
  const problems = openDeliveryProblems(state).map(
    (p) =>
      `Delivery problem **${p.id}**: ${Object.entries(p.failed)
        .map(([who, why]) => `${who} (${why})`)
        .join(', ')}; after fixing the address: \`kccp resend ${state.spec.code} ${p.id}\``,
  );
  return [
    `**${state.spec.code}** ${state.spec.title} (${state.spec.subject})`,
    `Phase: **${index.phase}**, cycle ${index.cycle} of 3, JFY${index.fiscalYear}`,
    `Waiting for: ${focus ? `cycle ${focus.cycle}: ${waitingFor(focus, state).text}` : 'nothing: the course has completed'}`,
    ...running
      .filter((c) => c !== focus)
      .map((c) => `Cycle ${c.cycle}: ${c.phase}, waiting for ${waitingFor(c, state).text}`),
    ...problems,
  ].join('\n\n');
}
