/**
 * The yearly evaluation's participant rates (issue 16): counted from a cycle's participant records
 * as the machine leaves them, carried in the cycle's outcome past its end, and printed per course
 * with counts beside rates, "n/a" for an empty base and "no records" for a cycle under the old rules.
 */
import { renderChartSvg } from '../../activities/evaluation/chart';
import { cycleFactsOf } from '../../domain/evaluation/facts';
import { formatRate, participantRates, ratePercent } from '../../domain/evaluation/rates';
import { evaluationReport } from '../../domain/evaluation/report';
import { reportCsv, reportMarkdown } from '../../domain/evaluation/render';
import { emptyTally, mergeTallies, tallyCourse, type CourseFacts } from '../../domain/evaluation/tally';
import { advance, courseStatus, type CourseState } from '../../domain/lifecycle';
import { participantFigures } from '../../domain/lifecycle/participants';
import { outcomeOf } from '../../domain/lifecycle/rules';
import type { ParticipantFigures } from '../../domain/lifecycle/types';
import { decision } from '../fixtures/courses';
import { at, must } from '../fixtures/machine';
import { accept, selectedCourse, substitute, withdraw } from '../fixtures/participants';

const meta = { generatedAt: '2028-04-10T09:00:00+09:00', source: 'test' };

/** Amina and Mary (a substitute for John, who accepted and withdrew) complete; Awa (SN) never comes. */
function heldCourse(): CourseState {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  state = must(state, accept('John Kamau'), at(4)).state;
  state = must(state, withdraw('John Kamau'), at(4)).state;
  state = advance(state, at(5)).state;
  state = must(state, substitute('John Kamau', 'Mary Njeri'), at(5)).state;
  state = must(state, accept('Mary Njeri'), at(5)).state;
  state = advance(state, at(6)).state;
  const report = decision('implementationReport', {
    mode: 'in-person',
    startedOn: '2027-01-10',
    endedOn: '2027-01-11',
    attendance: [{ country: 'KE', participants: 2 }],
  });
  return must(state, report, at(6)).state;
}

function facts(code: string, over: Partial<CourseFacts> = {}): CourseFacts {
  return {
    code,
    subject: 'Health',
    fiscalYear: 2026,
    cycle: 1,
    phase: 'Completed',
    standing: 'held',
    mode: 'in-person',
    participants: { KE: 2 },
    participantsFrom: 'attendance',
    undeliverable: [],
    evaluation: 'recorded',
    ...over,
  };
}

const figures = (over: Partial<ParticipantFigures>): ParticipantFigures => ({
  selected: 5,
  accepted: 4,
  withdrawn: 1,
  completed: 4,
  actionPlansRequested: 4,
  actionPlansReceived: 3,
  ...over,
});

test('the records count selected, accepted (even if withdrawn later), withdrawn, completed and action plans', () => {
  const state = heldCourse();
  const cycle = state.cycles[0]!;
  // Peter was never selected; John accepted then withdrew; Awa never answered and did not come.
  expect(participantFigures(cycle)).toEqual({
    selected: 4,
    accepted: 3,
    withdrawn: 2,
    completed: 2,
    actionPlansRequested: 0,
    actionPlansReceived: 0,
  });
  const amina = cycle.participants!.find((p) => p.form.name === 'Amina Otieno')!;
  const mary = cycle.participants!.find((p) => p.form.name === 'Mary Njeri')!;
  amina.actionPlan = { requestedAt: at(7), receivedAt: at(8) };
  mary.actionPlan = { requestedAt: at(7) };
  const counted = participantFigures(cycle)!;
  expect(counted).toMatchObject({ actionPlansRequested: 2, actionPlansReceived: 1 });
  const rates = participantRates(counted);
  expect(formatRate(rates.acceptance)).toBe('3/4 (75%)');
  expect(formatRate(rates.withdrawal)).toBe('2/4 (50%)');
  expect(formatRate(rates.completion)).toBe('2/3 (67%)');
  expect(formatRate(rates.actionPlan)).toBe('1/2 (50%)');
  // The status of the running cycle shows the same figures, and the outcome keeps them after the cycle.
  expect(courseStatus(state, at(6)).cycles[0]!.participantFigures).toEqual(counted);
  expect(outcomeOf(cycle).participantFigures).toEqual(counted);
});

test('a cycle that ends keeps its figures in its outcome, which the evaluation reads once the records are gone', () => {
  let state = must(selectedCourse(), accept('Amina Otieno'), at(4)).state;
  state = must(state, decision('cycleCancellation', { reason: 'typhoon' }), at(4)).state;
  const outcome = state.outcomes.find((o) => o.cycle === 1)!;
  expect(outcome.participantFigures).toEqual({
    selected: 3,
    accepted: 1,
    withdrawn: 3,
    completed: 0,
    actionPlansRequested: 0,
    actionPlansReceived: 0,
  });
  const status = courseStatus(state, at(4));
  const fromOutcome = cycleFactsOf(status, outcome.fiscalYear)!;
  expect(fromOutcome.participantFigures).toEqual(outcome.participantFigures);
  // Nobody completed: completion is 0 of 1 who accepted, and the action-plan rate does not exist.
  const rates = participantRates(fromOutcome.participantFigures!);
  expect(formatRate(rates.completion)).toBe('0/1 (0%)');
  expect(formatRate(rates.actionPlan)).toBe('n/a');
});

test('empty bases are n/a, never 0 %; no follow-up asked for is n/a even when people completed', () => {
  const none = participantRates(figures({ selected: 0, accepted: 0, withdrawn: 0, completed: 0 }));
  for (const rate of Object.values(none)) {
    expect(formatRate(rate)).toBe('n/a');
    expect(ratePercent(rate)).toBeUndefined();
  }
  const noFollowUp = participantRates(figures({ actionPlansRequested: 0, actionPlansReceived: 0 }));
  expect(formatRate(noFollowUp.actionPlan)).toBe('n/a');
  expect(formatRate(noFollowUp.completion)).toBe('4/4 (100%)');
  expect(ratePercent({ count: 2, of: 3 })).toBe(66.67);
});

test('the report lists each course with counts beside rates, "no records" for old rules, and the legend', () => {
  let tally = emptyTally(2026);
  tally = tallyCourse(tally, facts('KCCP-B', { participantFigures: figures({}) }));
  // Selected before program-rules-v1: the cycle kept no records, so it has no rates at all.
  tally = tallyCourse(tally, facts('KCCP-A'));
  const other = tallyCourse(
    emptyTally(2026),
    facts('KCCP-C', {
      participantFigures: figures({
        selected: 3,
        accepted: 3,
        withdrawn: 0,
        completed: 3,
        actionPlansRequested: 3,
        actionPlansReceived: 3,
      }),
    }),
  );
  const report = evaluationReport(mergeTallies(tally, other), meta);
  expect(report.participantRates.courses.map((c) => c.code)).toEqual(['KCCP-A', 'KCCP-B', 'KCCP-C']);
  expect(report.participantRates.coursesWithRecords).toBe(2);
  expect(report.participantRates.program.figures).toEqual({
    selected: 8,
    accepted: 7,
    withdrawn: 1,
    completed: 7,
    actionPlansRequested: 7,
    actionPlansReceived: 6,
  });
  const md = reportMarkdown(report);
  expect(md).toContain('## Participant rates by course');
  expect(md).toContain('| Course | Cycle | Selected | Acceptance | Withdrawal | Completion | Action plans |');
  expect(md).toContain('| KCCP-A | 1 | no records | no records | no records | no records | no records |');
  expect(md).toContain('| KCCP-B | 1 | 5 | 4/5 (80%) | 1/5 (20%) | 4/4 (100%) | 3/4 (75%) |');
  expect(md).toContain(
    '| **All 2 courses with records** |  | **8** | **7/8 (88%)** | **1/8 (13%)** | **7/7 (100%)** | **6/7 (86%)** |',
  );
  expect(md).toContain('- Completion: participants who completed the course / participants who accepted their place.');
  expect(md).not.toMatch(/KCCP-A[^\n]*0%/);
  const csv = reportCsv(report).split('\n');
  expect(csv[0]).toBe('section,item,count,percent,of');
  expect(csv).toContain('acceptance rate,KCCP-B cycle 1,4,80.00,5');
  expect(csv).toContain('acceptance rate,KCCP-A cycle 1,,no records,');
  expect(csv).toContain('action-plan rate,All courses with records,6,85.71,7');
});

test("the chart draws the program's rates beside the page's figures, and no rates panel when no course kept records", async () => {
  const tally = tallyCourse(emptyTally(2026), facts('KCCP-B', { participantFigures: figures({}) }));
  const svg = await renderChartSvg(evaluationReport(tally, meta));
  expect(svg).toContain('Participant rates, 1 course with records');
  expect(svg).toContain('4/5 (80%)');
  expect(svg).toContain('3/4 (75%)');
  const old = await renderChartSvg(evaluationReport(tallyCourse(emptyTally(2026), facts('KCCP-A')), meta));
  expect(old).toContain('Number of courses by subject');
  expect(old).not.toContain('Participant rates');
});

test('a tally carried from a run before the rates merges as empty; the listed rows are capped, the rest counted', () => {
  const old = emptyTally(2026);
  delete old.courseFigures;
  delete old.participantTotals;
  delete old.coursesWithParticipantRecords;
  delete old.courseFiguresNotListed;
  const merged = mergeTallies(old, tallyCourse(emptyTally(2026), facts('KCCP-B', { participantFigures: figures({}) })));
  expect(merged.courseFigures).toEqual([{ code: 'KCCP-B', cycle: 1, figures: figures({}) }]);
  expect(merged.participantTotals).toEqual(figures({}));
  let big = emptyTally(2026);
  big.courseFigures = Array.from({ length: 1000 }, (_, i) => ({ code: `X-${i}`, cycle: 1 as const }));
  big = tallyCourse(big, facts('KCCP-Z', { participantFigures: figures({}) }));
  expect(big.courseFigures).toHaveLength(1000);
  expect(big.courseFiguresNotListed).toBe(1);
  expect(big.participantTotals).toEqual(figures({}));
  expect(reportMarkdown(evaluationReport(big, meta))).toContain('Not listed: 1 course more, counted in the total.');
});
