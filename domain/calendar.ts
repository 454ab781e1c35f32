/**
 * The fiscal calendar of a course: for each of its three cycles, the windows of
 * the program's steps in Asia/Tokyo. One place computes them, so timers,
 * reminders, the status query and the admin client show the same numbers.
 *
 * A cycle is named by the Japanese fiscal year (JFY, April–March) in which the
 * course is held in Japan. Its planning runs the calendar year before: the
 * cycles of a running course overlap (cycle 2 is surveyed while cycle 1 is
 * held), which the state machine handles by tracking each cycle separately.
 */
import { DateTime } from 'luxon';
import type { CalendarOverrides, CourseSpec, WindowName } from './course';
import { WINDOW_NAMES } from './course';
import { PROGRAM_TIME_ZONE } from './reference';

export const CYCLES = [1, 2, 3] as const;
export type CycleNumber = (typeof CYCLES)[number];

export interface Window {
  /** ISO-8601 in Asia/Tokyo, inclusive. */
  opens: string;
  /** ISO-8601 in Asia/Tokyo, exclusive: the deadline. */
  closes: string;
}

export interface CycleCalendar {
  cycle: CycleNumber;
  /** JFY in which the course is held in Japan this cycle. */
  fiscalYear: number;
  windows: Record<WindowName, Window>;
}

/**
 * Window of each step, as [month, day] of opening and closing relative to the
 * course year Y (the JFY of the session in Japan), year offset first. Closing
 * dates are exclusive (00:00 Tokyo of that day).
 */
const STANDARD_WINDOWS: Record<WindowName, { opens: [number, number, number]; closes: [number, number, number] }> = {
  formulation: { opens: [-1, 3, 1], closes: [-1, 8, 1] }, // March–July of the year before
  scrutiny: { opens: [-1, 8, 1], closes: [-1, 11, 1] }, // August–October
  requestSurvey: { opens: [-1, 8, 1], closes: [-1, 11, 1] }, // in parallel with scrutiny
  mofaDetermination: { opens: [-1, 12, 1], closes: [0, 1, 1] }, // December; closing is the hard deadline
  nominations: { opens: [0, 1, 15], closes: [0, 4, 1] },
  selection: { opens: [0, 4, 1], closes: [0, 5, 1] },
  preArrival: { opens: [0, 5, 1], closes: [0, 7, 1] },
  inJapan: { opens: [0, 7, 1], closes: [0, 9, 1] },
  postReturn: { opens: [0, 9, 1], closes: [0, 12, 1] },
  evaluation: { opens: [0, 12, 1], closes: [1, 5, 1] }, // through the close of the fiscal year and April's yearly evaluation
};

function tokyo([yearOffset, month, day]: [number, number, number], courseYear: number): string {
  return DateTime.fromObject({ year: courseYear + yearOffset, month, day }, { zone: PROGRAM_TIME_ZONE }).toISO({
    suppressMilliseconds: true,
  })!;
}

/** Re-expresses any ISO instant in Asia/Tokyo so every date the service shows reads the same way. */
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Japan has kept +09:00 without daylight saving since 1952; before that, and for odd inputs, luxon decides. */
const FIXED_OFFSET_SINCE = Date.UTC(1952, 0, 1);

export function toTokyoIso(instant: string | number | Date): string {
  // The hot path of every workflow task: plain arithmetic, identical to luxon's output for these instants.
  const ms =
    typeof instant === 'string'
      ? ISO_WITH_OFFSET.test(instant)
        ? Date.parse(instant)
        : NaN
      : instant instanceof Date
        ? instant.getTime()
        : instant;
  if (Number.isFinite(ms) && ms >= FIXED_OFFSET_SINCE && ms < Date.UTC(9999, 0, 1)) {
    const local = new Date(ms + TOKYO_OFFSET_MS).toISOString();
    return `${ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23)}+09:00`;
  }
  const dt =
    typeof instant === 'string'
      ? DateTime.fromISO(instant, { setZone: true })
      : DateTime.fromMillis(typeof instant === 'number' ? instant : instant.getTime());
  return dt.setZone(PROGRAM_TIME_ZONE).toISO({ suppressMilliseconds: true })!;
}

export function cycleCalendar(
  firstCourseYear: number,
  cycle: CycleNumber,
  overrides?: CalendarOverrides,
): CycleCalendar {
  const fiscalYear = firstCourseYear + cycle - 1;
  const own = overrides?.[String(cycle) as '1' | '2' | '3'] ?? {};
  const windows = {} as Record<WindowName, Window>;
  for (const name of WINDOW_NAMES) {
    const override = own[name];
    windows[name] = override
      ? { opens: toTokyoIso(override.opens), closes: toTokyoIso(override.closes) }
      : {
          opens: tokyo(STANDARD_WINDOWS[name].opens, fiscalYear),
          closes: tokyo(STANDARD_WINDOWS[name].closes, fiscalYear),
        };
  }
  return { cycle, fiscalYear, windows };
}

export interface CalendarProblem {
  cycle: CycleNumber;
  window: WindowName;
  message: string;
}

/** Order the process relies on: each step's window closes no later than the next one's closes. */
const SEQUENCE: WindowName[] = WINDOW_NAMES.filter((w) => w !== 'scrutiny'); // scrutiny runs beside the survey

export function calendarProblems(calendars: CycleCalendar[]): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  for (const cal of calendars) {
    for (const name of WINDOW_NAMES) {
      const w = cal.windows[name];
      if (Date.parse(w.opens) >= Date.parse(w.closes)) {
        problems.push({
          cycle: cal.cycle,
          window: name,
          message: `opens (${w.opens}) must be before it closes (${w.closes})`,
        });
      }
    }
    for (let i = 1; i < SEQUENCE.length; i++) {
      const before = cal.windows[SEQUENCE[i - 1]];
      const after = cal.windows[SEQUENCE[i]];
      if (Date.parse(before.closes) > Date.parse(after.closes)) {
        problems.push({
          cycle: cal.cycle,
          window: SEQUENCE[i],
          message: `must close after ${SEQUENCE[i - 1]} closes (${before.closes})`,
        });
      }
    }
    if (Date.parse(cal.windows.scrutiny.closes) > Date.parse(cal.windows.mofaDetermination.closes)) {
      problems.push({
        cycle: cal.cycle,
        window: 'scrutiny',
        message: 'must close before the MOFA determination deadline',
      });
    }
  }
  return problems;
}

/** The three cycle calendars of a course, from its first course year and any explicit dates. */
export function courseCalendar(spec: Pick<CourseSpec, 'firstCourseYear' | 'calendar'>): CycleCalendar[] {
  return CYCLES.map((c) => cycleCalendar(spec.firstCourseYear, c, spec.calendar));
}

/** Fiscal year (JFY, April–March, Asia/Tokyo) that contains an instant. */
export function fiscalYearOf(instant: string | number): number {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromMillis(instant)).setZone(
    PROGRAM_TIME_ZONE,
  );
  return dt.month >= 4 ? dt.year : dt.year - 1;
}

/**
 * Compressed calendar for demos, benchmarks and tests: every window of the
 * three cycles follows the previous one by `stepMs`, starting at `start`.
 */
export function compressedCalendar(start: number, stepMs: number): CalendarOverrides {
  const result: CalendarOverrides = {};
  let t = start;
  for (const cycle of CYCLES) {
    const at = (i: number) => toTokyoIso(t + i * stepMs);
    result[String(cycle) as '1' | '2' | '3'] = {
      formulation: { opens: at(0), closes: at(1) },
      scrutiny: { opens: at(1), closes: at(2) },
      requestSurvey: { opens: at(1), closes: at(2) },
      mofaDetermination: { opens: at(2), closes: at(3) },
      nominations: { opens: at(3), closes: at(4) },
      selection: { opens: at(4), closes: at(5) },
      preArrival: { opens: at(5), closes: at(6) },
      inJapan: { opens: at(6), closes: at(7) },
      postReturn: { opens: at(7), closes: at(8) },
      evaluation: { opens: at(8), closes: at(9) },
    };
    t += 9 * stepMs;
  }
  return result;
}
