/**
 * Demo courses shaped like the page's JFY2020 figures: subjects in the
 * proportions of its subject table, and participants from countries chosen so
 * that the ratio by region, rounded as the page rounds it, is the page's.
 * Pure and deterministic: the same options give the same courses, so a test
 * or benchmark knows the figures a report must show before it runs.
 *
 * The page says JFY2020's courses were "mostly implemented by on-line and
 * some courses were canceled because of COVID-19", without figures; the mix
 * below (JFY2020_MIX) is our reading of it. The region ratios are those of the
 * participants of held courses, as the page's table counts people who took part.
 */
import { countriesInRegions, regionOf } from '../countries';
import type { CourseMode } from '../decisions';
import { JFY2020_COURSES_BY_SUBJECT, JFY2020_PARTICIPANTS_BY_REGION_PERCENT, REGIONS, SUBJECTS } from '../reference';
import type { Region, Subject } from '../reference';

export interface SeedCourse {
  code: string;
  subject: Subject;
  regions: Region[];
  /** Each country takes part with this many participants (nominated, selected and attending). */
  countries: { country: string; participants: number }[];
  /** How it is held; for a cancelled course, how it was planned. */
  mode: CourseMode;
  /** Set when staff cancel the cycle before the course (after selection): nobody takes part. */
  cancelled?: { reason: string };
}

export interface SeedPlan {
  fiscalYear: number;
  courses: SeedCourse[];
  /** Courses planned (every course has a cycle in the year), by subject. */
  coursesBySubject: Record<string, number>;
  heldBySubject: Record<string, number>;
  /** Participants of held courses only: a cancelled course has none. */
  participantsByCountry: Record<string, number>;
  participantsByRegion: Record<Region, number>;
  heldByMode: Record<CourseMode, number>;
  cancelled: number;
}

export interface SeedOptions {
  fiscalYear: number;
  /** Courses to plan; default: as many as the page's subject rows add up to. */
  count?: number;
  prefix?: string;
}

export const COUNTRIES_PER_COURSE = 3;

/** Largest-remainder apportionment of `total` in proportion to `weights`; ties go to the earlier key. */
export function apportion<K extends string>(weights: Readonly<Record<K, number>>, total: number): Record<K, number> {
  const keys = Object.keys(weights) as K[];
  const sum = keys.reduce((n, k) => n + weights[k], 0);
  const result = {} as Record<K, number>;
  const remainders: { key: K; rest: number; order: number }[] = [];
  let given = 0;
  keys.forEach((key, order) => {
    const exact = sum === 0 ? 0 : (weights[key] * total) / sum;
    result[key] = Math.floor(exact);
    given += result[key];
    remainders.push({ key, rest: exact - result[key], order });
  });
  remainders.sort((a, b) => b.rest - a.rest || a.order - b.order);
  for (let i = 0; i < total - given; i++) result[remainders[i % remainders.length]!.key] += 1;
  return result;
}

/**
 * Counts adding up to `total` whose shares round to the given whole percents,
 * or undefined when no such counts exist for this total.
 */
export function countsRoundingTo<K extends string>(
  percents: Readonly<Record<K, number>>,
  total: number,
): Record<K, number> | undefined {
  const keys = Object.keys(percents) as K[];
  // round(100c/total) = p  ⇔  (2p-1)·total/200 ≤ c < (2p+1)·total/200
  const lo = keys.map((k) => Math.max(0, Math.ceil(((2 * percents[k] - 1) * total) / 200)));
  const hi = keys.map((k) => Math.ceil(((2 * percents[k] + 1) * total) / 200) - 1);
  let spare = total - lo.reduce((n, x) => n + x, 0);
  if (spare < 0 || hi.reduce((n, x) => n + x, 0) < total) return undefined;
  const counts = [...lo];
  for (let i = 0; i < keys.length && spare > 0; i++) {
    const more = Math.min(spare, hi[i]! - counts[i]!);
    counts[i]! += more;
    spare -= more;
  }
  return Object.fromEntries(keys.map((k, i) => [k, counts[i]])) as Record<K, number>;
}

/** Participants by region for about 3.5 per course: the first total whose rounded shares are the page's. */
function regionParticipants(courses: number): Record<Region, number> {
  const start = Math.max(COUNTRIES_PER_COURSE * courses, Math.round(3.5 * courses));
  for (let total = start; total < start + 400; total++) {
    const counts = countsRoundingTo(JFY2020_PARTICIPANTS_BY_REGION_PERCENT, total);
    if (counts) return counts;
  }
  return apportion(JFY2020_PARTICIPANTS_BY_REGION_PERCENT, start);
}

/** Slots (one country of one course) per region: in proportion, never more slots than participants. */
function regionSlots(participants: Record<Region, number>, slots: number): Record<Region, number> {
  const byRegion = apportion(JFY2020_PARTICIPANTS_BY_REGION_PERCENT, slots);
  let left = 0;
  for (const r of REGIONS) {
    const capped = Math.min(byRegion[r], participants[r]);
    left += byRegion[r] - capped;
    byRegion[r] = capped;
  }
  while (left > 0) {
    const roomiest = [...REGIONS].sort((a, b) => participants[b] - byRegion[b] - (participants[a] - byRegion[a]))[0]!;
    if (participants[roomiest] <= byRegion[roomiest])
      throw new Error('seed plan: fewer participants than countries to seat');
    byRegion[roomiest] += 1;
    left -= 1;
  }
  return byRegion;
}

/**
 * JFY2020's courses in percent: mostly online, some cancelled (COVID-19), few
 * in person or hybrid. Apportioned by largest remainder, so 286 courses are
 * 215 online, 43 cancelled, 14 hybrid and 14 in person (243 held).
 */
export const JFY2020_MIX = { online: 75, cancelled: 15, hybrid: 5, 'in-person': 5 } as const;
export type SeedOutcomeKind = keyof typeof JFY2020_MIX;
export const SEED_CANCELLATION_REASON = 'COVID-19: entry to Japan suspended';
/** A cancelled course had been planned in person: that is what COVID-19 stopped. */
const CANCELLED_COURSE_MODE: CourseMode = 'in-person';

/** Each course's outcome, each kind spread evenly along the list so every subject gets its share. */
export function outcomesOf(count: number): SeedOutcomeKind[] {
  const counts = apportion(JFY2020_MIX, count);
  const kinds = Object.keys(JFY2020_MIX) as SeedOutcomeKind[];
  return kinds
    .flatMap((kind, order) =>
      Array.from({ length: counts[kind] }, (_, k) => ({ kind, order, position: (k + 0.5) / counts[kind] })),
    )
    .sort((a, b) => a.position - b.position || a.order - b.order)
    .map((x) => x.kind);
}

type Slot = { region: Region; position: number; participants: number };

/** Seats (one country of one course) for `courses` courses, regions interleaved, participants rounding to the page's ratios. */
function seats(courses: number): Slot[] {
  if (courses === 0) return [];
  const participants = regionParticipants(courses);
  const slotsByRegion = regionSlots(participants, courses * COUNTRIES_PER_COURSE);
  // Interleave the regions' slots so each course mixes regions as the program does.
  return REGIONS.flatMap((region) =>
    Array.from({ length: slotsByRegion[region] }, (_, k) => {
      const base = Math.floor(participants[region] / slotsByRegion[region]);
      const extra = participants[region] % slotsByRegion[region];
      // Spread the larger delegations instead of giving them to the first courses.
      const larger =
        Math.floor(((k + 1) * extra) / slotsByRegion[region]) > Math.floor((k * extra) / slotsByRegion[region]);
      return { region, position: (k + 0.5) / slotsByRegion[region], participants: base + (larger ? 1 : 0) };
    }),
  ).sort((a, b) => a.position - b.position || REGIONS.indexOf(a.region) - REGIONS.indexOf(b.region));
}

export function seedPlan(options: SeedOptions): SeedPlan {
  const pageRows = Object.values(JFY2020_COURSES_BY_SUBJECT).reduce((n, x) => n + x, 0);
  const count = options.count ?? pageRows;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`seed plan: count must be a whole number of courses, got ${count}`);
  const prefix = options.prefix ?? `SEED${options.fiscalYear}`;
  const bySubject = apportion(JFY2020_COURSES_BY_SUBJECT, count);
  const subjects = SUBJECTS.flatMap((s) => Array.from({ length: bySubject[s] }, () => s));

  const outcomes = outcomesOf(count);
  const cancelledCount = outcomes.filter((o) => o === 'cancelled').length;
  // Held and cancelled courses are seated apart, so the participants who took part round to the page's ratios.
  const heldSlots = seats(count - cancelledCount);
  const cancelledSlots = seats(cancelledCount);
  const taken = { held: 0, cancelled: 0 };

  const next: Record<string, number> = {};
  const courses: SeedCourse[] = subjects.map((subject, i) => {
    const outcome = outcomes[i]!;
    const group = outcome === 'cancelled' ? 'cancelled' : 'held';
    const from = taken[group]++ * COUNTRIES_PER_COURSE;
    const own = (group === 'cancelled' ? cancelledSlots : heldSlots).slice(from, from + COUNTRIES_PER_COURSE);
    const countries: SeedCourse['countries'] = [];
    for (const slot of own) {
      const pool = countriesInRegions([slot.region]);
      let country: string;
      do {
        country = pool[(next[slot.region] = ((next[slot.region] ?? -1) + 1) % pool.length)]!;
      } while (countries.some((c) => c.country === country));
      countries.push({ country, participants: slot.participants });
    }
    return {
      code: `${prefix}-${String(i + 1).padStart(3, '0')}`,
      subject,
      regions: REGIONS.filter((r) => own.some((s) => s.region === r)),
      countries,
      mode: outcome === 'cancelled' ? CANCELLED_COURSE_MODE : outcome,
      ...(outcome === 'cancelled' ? { cancelled: { reason: SEED_CANCELLATION_REASON } } : {}),
    };
  });
  return { fiscalYear: options.fiscalYear, courses, ...figuresOf(courses) };
}

/** The figures of the courses as seated (with fewer courses than regions, some regions get no seat); participants of held courses only. */
function figuresOf(courses: SeedCourse[]) {
  const participantsByRegion = Object.fromEntries(REGIONS.map((r) => [r, 0])) as Record<Region, number>;
  const coursesBySubject: Record<string, number> = {};
  const heldBySubject: Record<string, number> = {};
  const participantsByCountry: Record<string, number> = {};
  const heldByMode: Record<CourseMode, number> = { 'in-person': 0, online: 0, hybrid: 0 };
  let cancelled = 0;
  for (const c of courses) {
    coursesBySubject[c.subject] = (coursesBySubject[c.subject] ?? 0) + 1;
    if (c.cancelled) {
      cancelled += 1;
      continue;
    }
    heldBySubject[c.subject] = (heldBySubject[c.subject] ?? 0) + 1;
    heldByMode[c.mode] += 1;
    for (const { country, participants } of c.countries) {
      participantsByCountry[country] = (participantsByCountry[country] ?? 0) + participants;
      participantsByRegion[regionOf(country)!] += participants;
    }
  }
  return { coursesBySubject, heldBySubject, participantsByCountry, participantsByRegion, heldByMode, cancelled };
}
