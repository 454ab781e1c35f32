import { evaluatedFiscalYear, evaluationTiming, EVALUATION_WORKFLOW_TYPE } from '../../domain/evaluation/schedule';
import { regionTable } from '../../domain/evaluation/report';
import {
  apportion,
  countsRoundingTo,
  JFY2020_MIX,
  SEED_CANCELLATION_REASON,
  seedPlan,
} from '../../domain/evaluation/seed-plan';
import { seedStages } from '../../client/commands/seed-stages';
import {
  JFY2020_COURSES_BY_SUBJECT,
  JFY2020_PARTICIPANTS_BY_REGION_PERCENT,
  REGIONS,
  SUBJECTS,
} from '../../domain/reference';
import { yearlyEvaluation } from '../../workflows/evaluation';

const tokyo = (iso: string) => Date.parse(iso);

describe('seed plan', () => {
  it("plans the page's JFY2020 courses: its subject rows and its rounded region ratios", () => {
    const plan = seedPlan({ fiscalYear: 2020 });
    expect(plan.courses).toHaveLength(286);
    expect(plan.coursesBySubject).toEqual(JFY2020_COURSES_BY_SUBJECT);
    const regions = regionTable(plan.participantsByCountry);
    expect(Object.fromEntries(regions.rows.map((r) => [r.region, r.roundedPercent]))).toEqual(
      JFY2020_PARTICIPANTS_BY_REGION_PERCENT,
    );
    expect(regions.total).toBe(Object.values(plan.participantsByRegion).reduce((n, x) => n + x, 0));
    for (const course of plan.courses) {
      expect(new Set(course.countries.map((c) => c.country)).size).toBe(3);
      for (const c of course.countries) expect(c.participants).toBeGreaterThanOrEqual(1);
    }
    expect(new Set(plan.courses.map((c) => c.code)).size).toBe(286);
  });

  it('is mostly online with some cancellations, as the page says of JFY2020, in the documented proportions', () => {
    const plan = seedPlan({ fiscalYear: 2020 });
    // JFY2020_MIX (75 % online, 15 % cancelled, 5 % hybrid, 5 % in person) by largest remainder over 286.
    expect(JFY2020_MIX).toEqual({ online: 75, cancelled: 15, hybrid: 5, 'in-person': 5 });
    expect(plan.heldByMode).toEqual({ online: 215, hybrid: 14, 'in-person': 14 });
    expect(plan.cancelled).toBe(43);
    const cancelled = plan.courses.filter((c) => c.cancelled);
    expect(cancelled).toHaveLength(43);
    expect(cancelled.every((c) => c.cancelled!.reason === SEED_CANCELLATION_REASON)).toBe(true);
    expect(plan.heldByMode.online).toBeGreaterThan(plan.courses.length / 2);
    expect(Object.values(plan.heldBySubject).reduce((n, x) => n + x, 0)).toBe(243);
    // Cancellations are spread along the list: the largest subjects each lose some, none loses all.
    for (const subject of ['Agricultural Development', 'Social Security', 'Health'] as const) {
      expect(plan.heldBySubject[subject]).toBeLessThan(JFY2020_COURSES_BY_SUBJECT[subject]);
      expect(plan.heldBySubject[subject]).toBeGreaterThan(0);
    }
    // Participants are those of held courses, and still round to the page's region ratios.
    const heldParticipants = plan.courses
      .filter((c) => !c.cancelled)
      .flatMap((c) => c.countries)
      .reduce((n, c) => n + c.participants, 0);
    expect(Object.values(plan.participantsByCountry).reduce((n, x) => n + x, 0)).toBe(heldParticipants);
    expect(seedPlan({ fiscalYear: 2020 })).toEqual(plan);
  });

  it('cancels a planned course after its selection and reports only on the courses held', () => {
    const plan = seedPlan({ fiscalYear: 2020 });
    const kinds = (c: (typeof plan.courses)[number]) =>
      seedStages(c, 2020).flatMap((s) => s.decisions.map((d) => `${s.at}:${d.kind}`));
    const cancelled = plan.courses.find((c) => c.cancelled)!;
    const held = plan.courses.find((c) => !c.cancelled)!;
    expect(kinds(cancelled)).toContain('5:cycleCancellation');
    expect(kinds(cancelled)).toContain('4:selection');
    expect(kinds(cancelled)).not.toContain('6:implementationReport');
    expect(kinds(held)).toContain('6:implementationReport');
    expect(kinds(held)).not.toContain('5:cycleCancellation');
    // Every course has the same stages, so a group of courses moves through its windows together.
    expect(seedStages(cancelled, 2020).map((s) => s.at)).toEqual(seedStages(held, 2020).map((s) => s.at));
  });

  it('scales to --count with every figure known in advance', () => {
    const plan = seedPlan({ fiscalYear: 2025, count: 12, prefix: 'T' });
    expect(plan.courses.map((c) => c.code)).toEqual(
      Array.from({ length: 12 }, (_, i) => `T-${String(i + 1).padStart(3, '0')}`),
    );
    expect(Object.values(plan.coursesBySubject).reduce((n, x) => n + x, 0)).toBe(12);
    expect(Object.keys(plan.coursesBySubject).every((s) => (SUBJECTS as readonly string[]).includes(s))).toBe(true);
    const regions = regionTable(plan.participantsByCountry);
    expect(Object.fromEntries(regions.rows.map((r) => [r.region, r.roundedPercent]))).toEqual(
      JFY2020_PARTICIPANTS_BY_REGION_PERCENT,
    );
    expect(seedPlan({ fiscalYear: 2025, count: 12, prefix: 'T' })).toEqual(plan);
  });

  it('apportions by largest remainder and finds counts that round to given percents', () => {
    expect(apportion({ a: 1, b: 1, c: 1 }, 4)).toEqual({ a: 2, b: 1, c: 1 });
    const counts = countsRoundingTo(JFY2020_PARTICIPANTS_BY_REGION_PERCENT, 1000)!;
    expect(Object.values(counts).reduce((n, x) => n + x, 0)).toBe(1000);
    for (const r of REGIONS) expect(Math.round(counts[r] / 10)).toBe(JFY2020_PARTICIPANTS_BY_REGION_PERCENT[r]);
    expect(countsRoundingTo(JFY2020_PARTICIPANTS_BY_REGION_PERCENT, 42)).toBeUndefined();
  });
});

describe('evaluation timing', () => {
  it('defaults to 10 April 09:00 Tokyo, from env and flags, and refuses impossible dates', () => {
    expect(evaluationTiming({})).toEqual({ month: 4, day: 10, hour: 9, minute: 0 });
    expect(evaluationTiming({ KCCP_EVALUATION_MONTH: '5', KCCP_EVALUATION_TIME: '14:30' })).toEqual({
      month: 5,
      day: 10,
      hour: 14,
      minute: 30,
    });
    expect(evaluationTiming({ KCCP_EVALUATION_MONTH: '5' }, { month: 6, day: 1, time: '08:05' })).toEqual({
      month: 6,
      day: 1,
      hour: 8,
      minute: 5,
    });
    expect(() => evaluationTiming({}, { month: 2, day: 30 })).toThrow(/day/);
    expect(() => evaluationTiming({ KCCP_EVALUATION_MONTH: 'April' })).toThrow(/KCCP_EVALUATION_MONTH/);
  });

  it('evaluates the fiscal year whose evaluation window the run falls in, else the last one closed', () => {
    expect(evaluatedFiscalYear(tokyo('2021-04-10T09:00:00+09:00'))).toBe(2020);
    expect(evaluatedFiscalYear(tokyo('2020-12-01T00:00:00+09:00'))).toBe(2020);
    expect(evaluatedFiscalYear(tokyo('2020-11-30T23:59:00+09:00'))).toBe(2019);
    // 31 March 2021 16:00 UTC is already 1 April in Tokyo: still JFY2020's window.
    expect(evaluatedFiscalYear(Date.UTC(2021, 2, 31, 16))).toBe(2020);
    expect(yearlyEvaluation.name).toBe(EVALUATION_WORKFLOW_TYPE);
  });
});
