/**
 * From a course's status answer to the facts the yearly evaluation counts,
 * and the findings it records on the course for the next cycle's planning.
 */
import { regionOf } from '../countries';
import type { CourseStatus, CycleStatus } from '../lifecycle/status';
import type { CycleOutcome, CyclePhase } from '../lifecycle/types';
import type { CourseFacts, EvaluationRecording } from './tally';

/** Phases of a running cycle whose course has been (or is being) held. */
const HELD_PHASES: CyclePhase[] = ['InJapan', 'PostReturn', 'Evaluation'];
const MOFA_APPROVED_PHASES: CyclePhase[] = ['Nominations', 'Selection', 'PreArrival', ...HELD_PHASES];

type Base = Omit<CourseFacts, 'evaluation' | 'note'>;

function fromOutcome(status: CourseStatus, o: CycleOutcome): Base {
  const standing = o.phase === 'Completed' ? 'held' : o.phase === 'Cancelled' ? 'cancelled' : 'not-held';
  return {
    code: status.code,
    subject: status.subject,
    fiscalYear: o.fiscalYear,
    cycle: o.cycle,
    phase: o.phase,
    standing,
    mode: o.mode,
    scrutiny: o.scrutiny,
    mofaApproved: o.mofaApproved,
    notHeldReason: standing === 'not-held' ? o.notHeldReason : undefined,
    participants: standing === 'held' ? { ...o.attendance } : {},
    participantsFrom: standing === 'held' ? 'attendance' : 'none',
    ...(o.participantFigures ? { participantFigures: { ...o.participantFigures } } : {}),
    undeliverable: [...o.undeliverable],
  };
}

function scrutinyOf(c: CycleStatus): CourseFacts['scrutiny'] {
  const decided = [...c.decisions].reverse().find((d) => d.kind === 'scrutiny');
  if (decided) return decided.summary.startsWith('scrutiny passed') ? 'pass' : 'fail';
  if (!c.scrutinyRequired && c.phase !== 'Scheduled' && c.phase !== 'Formulation') return 'not-required';
  return undefined;
}

function fromRunningCycle(status: CourseStatus, c: CycleStatus): Base {
  const held = HELD_PHASES.includes(c.phase);
  return {
    code: status.code,
    subject: status.subject,
    fiscalYear: c.fiscalYear,
    cycle: c.cycle,
    phase: c.phase,
    standing: held ? 'held' : 'not-yet-held',
    mode: c.mode,
    scrutiny: scrutinyOf(c),
    mofaApproved: MOFA_APPROVED_PHASES.includes(c.phase),
    // The status shows no attendance before the cycle ends: count whom the selection chose.
    participants: held ? { ...c.selectedParticipants } : {},
    participantsFrom: held ? 'selection' : 'none',
    ...(c.participantFigures ? { participantFigures: { ...c.participantFigures } } : {}),
    undeliverable: Object.keys(c.undeliverable).sort(),
  };
}

/** The course's cycle of this fiscal year, ended or running; undefined when it has none. */
export function cycleFactsOf(
  status: CourseStatus,
  fiscalYear: number,
  evaluation: EvaluationRecording = 'not-recorded',
  note?: string,
): CourseFacts | undefined {
  const ended = status.outcomes.find((o) => o.fiscalYear === fiscalYear);
  const running = status.cycles.find((c) => c.fiscalYear === fiscalYear);
  const base = ended ? fromOutcome(status, ended) : running ? fromRunningCycle(status, running) : undefined;
  if (!base) return undefined;
  return { ...base, evaluation, ...(note ? { note } : {}) };
}

/** Whether the course already holds an evaluation of this fiscal year. */
export function isEvaluated(status: CourseStatus, fiscalYear: number): boolean {
  if (status.outcomes.some((o) => o.fiscalYear === fiscalYear && o.evaluated)) return true;
  return status.cycles.some((c) => c.fiscalYear === fiscalYear && c.decisions.some((d) => d.kind === 'evaluation'));
}

const MODE_WORDS = { 'in-person': 'in person', online: 'online', hybrid: 'hybrid' } as const;

/** What the evaluation tells the course, in words its next cycle's planners read. */
export function findingsFor(facts: CourseFacts): string[] {
  const head = `JFY${facts.fiscalYear} (cycle ${facts.cycle})`;
  const findings: string[] = [];
  if (facts.standing === 'held') {
    const total = Object.values(facts.participants).reduce((n, p) => n + p, 0);
    const countries = Object.keys(facts.participants).length;
    const byRegion: Record<string, number> = {};
    for (const [country, n] of Object.entries(facts.participants)) {
      const region = regionOf(country) ?? 'other';
      byRegion[region] = (byRegion[region] ?? 0) + n;
    }
    const regions = Object.entries(byRegion)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    const counted = facts.participantsFrom === 'selection' ? 'selected' : 'attended';
    findings.push(
      `${head} held ${MODE_WORDS[facts.mode]}: ${total} participants ${counted} from ${countries} countries${regions ? ` (${regions})` : ''}.`,
    );
    if (total === 0) findings.push(`${head}: no participant was recorded; check the implementation report.`);
  } else if (facts.standing === 'cancelled') {
    findings.push(`${head} was cancelled; plan the next cycle with a fallback mode (online or hybrid).`);
  } else if (facts.standing === 'not-held') {
    findings.push(`${head} was not held (${facts.notHeldReason ?? 'no reason recorded'}).`);
    if (facts.notHeldReason === 'too-few-requests')
      findings.push(`${head}: reach more countries in the next request survey.`);
    if (facts.notHeldReason === 'scrutiny-failed')
      findings.push(`${head}: revise the plan before it goes to scrutiny again.`);
  } else {
    findings.push(`${head} had not been held when the yearly evaluation ran (phase ${facts.phase}).`);
  }
  if (facts.undeliverable.length > 0) {
    findings.push(
      `${head}: notices could not reach ${facts.undeliverable.join(', ')}; correct the country directory before the next cycle's notices.`,
    );
  }
  return findings;
}
