/**
 * What operators see without opening a history: search attributes to filter
 * courses by (upserted only when they change) and current details that say
 * what each running cycle waits for, and which deliveries need repair.
 */
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { CourseState } from '../../domain/lifecycle';
import { courseIndex, isTerminal, openDeliveryProblems, waitingFor } from '../../domain/lifecycle';
import { CourseCode, CourseCycle, CoursePhase, CourseSubject, FiscalYear } from '../search-attributes';

export class CourseDetails {
  private published = '';
  private publishedDetails = '';

  publish(state: CourseState): void {
    const index = courseIndex(state);
    const key = `${index.phase}/${index.cycle}/${index.fiscalYear}`;
    if (key !== this.published) {
      upsertSearchAttributes([
        { key: CourseCode, value: state.spec.code },
        { key: CourseSubject, value: state.spec.subject },
        { key: CoursePhase, value: index.phase },
        { key: CourseCycle, value: index.cycle },
        { key: FiscalYear, value: index.fiscalYear },
      ]);
      this.published = key;
    }
    const details = currentDetails(state);
    if (details !== this.publishedDetails) {
      setCurrentDetails(details);
      this.publishedDetails = details;
    }
  }
}

/** Current details need only what each running cycle waits for; the full status is for the query. */
function currentDetails(state: CourseState): string {
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
