import { cycleFactsOf, findingsFor } from '../../domain/evaluation/facts';
import { evaluationReport, regionTable, subjectTable } from '../../domain/evaluation/report';
import { reportCsv, reportMarkdown } from '../../domain/evaluation/render';
import { seedPlan } from '../../domain/evaluation/seed-plan';
import {
  emptyTally,
  mergeTallies,
  tallyCourse,
  type CourseFacts,
  type EvaluationTally,
} from '../../domain/evaluation/tally';
import type { CourseStatus } from '../../domain/lifecycle/status';
import { JFY2020_COURSES_BY_SUBJECT, SUBJECTS } from '../../domain/reference';

const meta = { generatedAt: '2021-04-10T09:00:00+09:00', source: 'test' };

function held(
  code: string,
  subject: string,
  participants: Record<string, number>,
  over: Partial<CourseFacts> = {},
): CourseFacts {
  return {
    code,
    subject,
    fiscalYear: 2020,
    cycle: 1,
    phase: 'Completed',
    standing: 'held',
    mode: 'in-person',
    scrutiny: 'pass',
    mofaApproved: true,
    participants,
    participantsFrom: 'attendance',
    undeliverable: [],
    evaluation: 'recorded',
    ...over,
  };
}

describe('yearly evaluation aggregation', () => {
  it("totals the page's JFY2020 subject rows as 286 planned courses, not the 267 the page states, against those held", () => {
    // The JFY2020 seed: every course of the page's rows planned, mostly held online, some cancelled.
    const plan = seedPlan({ fiscalYear: 2020 });
    let tally = emptyTally(2020);
    for (const course of plan.courses) {
      const participants = Object.fromEntries(course.countries.map((c) => [c.country, c.participants]));
      tally = tallyCourse(
        tally,
        course.cancelled
          ? held(
              course.code,
              course.subject,
              {},
              { standing: 'cancelled', phase: 'Cancelled', notHeldReason: 'cancelled' },
            )
          : held(course.code, course.subject, participants, { mode: course.mode }),
      );
    }
    const report = evaluationReport(tally, meta);
    expect(report.totalCourses).toBe(286);
    expect(report.totalHeld).toBe(243);
    expect(report.subjects.map((s) => s.courses)).toEqual(SUBJECTS.map((s) => JFY2020_COURSES_BY_SUBJECT[s]));
    expect(report.subjects.map((s) => s.held)).toEqual(SUBJECTS.map((s) => plan.heldBySubject[s] ?? 0));
    expect(report.subjects.find((s) => s.subject === 'Agricultural Development')).toEqual({
      subject: 'Agricultural Development',
      courses: 48,
      held: 41,
    });
    const markdown = reportMarkdown(report);
    expect(markdown).toContain('286 courses were planned for JFY2020 and 243 were held.');
    expect(markdown).toContain('| Subject | Planned | Held |');
    expect(markdown).toContain('| **Total** | **286** | **243** |');
    // The per-course rates table lists course codes, whose numbers may hold 267: the totals above it may not.
    expect(markdown.split('## Participant rates by course')[0]).not.toContain('267');
    const csv = reportCsv(report);
    expect(csv).toContain('courses by subject,Total,286,');
    expect(csv).toContain('courses held by subject,Total,243,');
    expect(csv).toContain('courses held by subject,Agricultural Development,41,');
    // report.json is the report as JSON: the same figures travel.
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ totalCourses: 286, totalHeld: 243 });
    const outcome = Object.fromEntries(report.outcomes.map((o) => [o.outcome, o.courses]));
    expect(outcome).toMatchObject({ Held: 243, '- Held online': 215, Cancelled: 43 });
    expect(subjectTable({ Health: 2, Astronomy: 1 }, { Health: 1 })).toEqual({
      rows: expect.arrayContaining([
        { subject: 'Health', courses: 2, held: 1 },
        { subject: 'Astronomy', courses: 1, held: 0 },
      ]),
      total: 3,
      held: 1,
    });
  });

  it('merges a tally carried from a run before held-by-subject existed as if it had none', () => {
    const old = { ...tallyCourse(emptyTally(2020), held('O-1', 'Health', { KE: 1 })) } as Partial<EvaluationTally>;
    delete old.heldBySubject;
    const merged = mergeTallies(
      old as EvaluationTally,
      tallyCourse(emptyTally(2020), held('N-1', 'Health', { SN: 1 })),
    );
    expect(merged.coursesBySubject).toEqual({ Health: 2 });
    expect(merged.heldBySubject).toEqual({ Health: 1 });
  });

  it('counts participants by region with shares of the computed total, keeping countries outside the regions visible', () => {
    const { rows, total } = regionTable({ KE: 3, SN: 1, VN: 2, PE: 1, BD: 2, XX: 1 });
    expect(total).toBe(10);
    const byName = Object.fromEntries(rows.map((r) => [r.region, r]));
    expect(byName.Africa).toEqual({ region: 'Africa', participants: 4, percent: 40, roundedPercent: 40 });
    expect(byName['Southeast Asia & Pacific']!.participants).toBe(2);
    expect(byName['South Asia']!.participants).toBe(2);
    expect(byName['East & Central Asia and the Caucasus']).toEqual({
      region: 'East & Central Asia and the Caucasus',
      participants: 0,
      percent: 0,
      roundedPercent: 0,
    });
    expect(byName.Other!.participants).toBe(1);
    const thirds = regionTable({ KE: 1, VN: 1, PE: 1 }).rows.filter((r) => r.participants);
    expect(thirds.map((r) => r.percent)).toEqual([33.33, 33.33, 33.33]);
  });

  it('counts outcomes: scrutiny, MOFA, modes, cancelled, not held by reason, undeliverable countries and evaluations', () => {
    const facts: CourseFacts[] = [
      held('A-1', 'Health', { KE: 2 }, { mode: 'online', undeliverable: ['SO'] }),
      held('A-2', 'Health', { SN: 1 }, { mode: 'hybrid', scrutiny: 'not-required', undeliverable: ['SO', 'YE'] }),
      held('A-3', 'ICT', { VN: 1 }, { evaluation: 'already-recorded' }),
      held(
        'A-4',
        'ICT',
        {},
        { standing: 'cancelled', phase: 'Cancelled', participantsFrom: 'none', mofaApproved: true },
      ),
      held(
        'A-5',
        'ICT',
        {},
        {
          standing: 'not-held',
          phase: 'NotHeld',
          notHeldReason: 'too-few-requests',
          mofaApproved: undefined,
          participantsFrom: 'none',
        },
      ),
      held(
        'A-6',
        'Evaluation',
        {},
        {
          standing: 'not-held',
          phase: 'NotHeld',
          notHeldReason: 'scrutiny-failed',
          scrutiny: 'fail',
          mofaApproved: undefined,
        },
      ),
      held(
        'A-7',
        'Evaluation',
        {},
        { standing: 'not-yet-held', phase: 'Selection', evaluation: 'not-recorded', note: 'rejected: wrong phase' },
      ),
    ];
    // Two batches merged give what one batch gives: the fan-out may split courses anyhow.
    const one = facts.reduce(tallyCourse, emptyTally(2020));
    const two = mergeTallies(
      facts.slice(0, 3).reduce(tallyCourse, emptyTally(2020)),
      facts.slice(3).reduce(tallyCourse, emptyTally(2020)),
    );
    expect(two).toEqual(one);

    const report = evaluationReport(one, meta);
    const outcome = Object.fromEntries(report.outcomes.map((o) => [o.outcome, o.courses]));
    expect(outcome).toMatchObject({
      'Passed scrutiny': 5,
      'Scrutiny not required (ongoing course)': 1,
      'Failed scrutiny': 1,
      'Approved by MOFA': 5, // A-7 waits in selection: MOFA approved it
      Held: 3,
      '- Held in person': 1,
      '- Held online': 1,
      '- Held hybrid': 1,
      Cancelled: 1,
      'Not held: too-few-requests': 1,
      'Not held: scrutiny-failed': 1,
      'Not yet held at evaluation': 1,
      'Courses with undeliverable countries': 2,
    });
    expect(report.undeliverable.map((u) => [u.country, u.courses])).toEqual([
      ['SO', 2],
      ['YE', 1],
    ]);
    expect(report.evaluations).toEqual({ recorded: 5, 'already-recorded': 1, 'not-recorded': 1 });
    expect(report.problems).toEqual([{ code: 'A-7', problem: 'rejected: wrong phase' }]);
    expect(report.totalParticipants).toBe(4);
    expect(() => mergeTallies(emptyTally(2020), emptyTally(2021))).toThrow(/JFY2020 and JFY2021/);
  });

  it("reads a course's cycle of the year from its outcome, or from its running cycle, and words findings for the next cycle", () => {
    const status = {
      code: 'KCCP-2020-HLT-01',
      subject: 'Health',
      cycles: [
        {
          cycle: 2,
          fiscalYear: 2021,
          phase: 'PostReturn',
          mode: 'online',
          scrutinyRequired: false,
          decisions: [],
          selectedParticipants: { KE: 2, PE: 1 },
          undeliverable: { SO: '550' },
        },
      ],
      outcomes: [
        {
          cycle: 1,
          fiscalYear: 2020,
          phase: 'Cancelled',
          notHeldReason: 'cancelled',
          scrutiny: 'pass',
          mofaApproved: true,
          requestingCountries: ['KE'],
          mode: 'in-person',
          attendance: {},
          undeliverable: [],
          noticesSent: 3,
          evaluated: false,
        },
      ],
    } as unknown as CourseStatus;
    expect(cycleFactsOf(status, 2019)).toBeUndefined();
    expect(cycleFactsOf(status, 2020)).toMatchObject({
      cycle: 1,
      standing: 'cancelled',
      participants: {},
      evaluation: 'not-recorded',
    });
    const running = cycleFactsOf(status, 2021, 'recorded')!;
    expect(running).toMatchObject({
      cycle: 2,
      standing: 'held',
      scrutiny: 'not-required',
      mofaApproved: true,
      participantsFrom: 'selection',
      participants: { KE: 2, PE: 1 },
      undeliverable: ['SO'],
    });
    expect(findingsFor(running)).toEqual([
      'JFY2021 (cycle 2) held online: 3 participants selected from 2 countries (Africa 2, Latin America & the Caribbean 1).',
      "JFY2021 (cycle 2): notices could not reach SO; correct the country directory before the next cycle's notices.",
    ]);
  });
});
