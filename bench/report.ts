/** The benchmark's table for people: each figure beside its target, met or missed. */
import { facts, table } from '../client/output';
import type { RssFigures } from './phases/production-rss';
import type { describeMachine } from './support/measure';

export const TARGETS = {
  ratio: 0.8,
  saturationRatio: 0.8,
  missedWindows: 0,
  decisionP95Ms: 250,
  historyEvents: 1_000,
  rssAtScaleMb: 1_024,
  timeskipSeconds: 10,
};

export function renderTable(
  f: Record<string, number | null>,
  machine: ReturnType<typeof describeMachine>,
  d: {
    courses: number;
    step_seconds: number;
    largest_course_countries: number;
    worker_cpu_s: { baseline: number; course: number };
    course_run_start_ms: { new_course: number; continued_run: number };
    decision_latency_ms_by_kind: Record<string, { sent: number; p50: number; p95: number }>;
    baseline_decision_latency_ms_by_kind: Record<string, { sent: number; p50: number; p95: number }>;
    worker_node_flags: string;
  },
): string {
  const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? 'met' : 'MISSED');
  const at = (v: number | null) => (v === null || Number.isNaN(v) ? '—' : v);
  const rows: (string | number)[][] = [
    ['courses', at(f.courses), '', ''],
    [
      'missed_windows',
      at(f.missed_windows),
      `${TARGETS.missedWindows}`,
      mark(f.missed_windows === TARGETS.missedWindows),
    ],
    ['baseline_courses_per_min', at(f.baseline_courses_per_min), '', ''],
    ['course_courses_per_min', at(f.course_courses_per_min), '', ''],
    ['ratio', at(f.ratio), `≥ ${TARGETS.ratio}`, mark(f.ratio! >= TARGETS.ratio)],
    ['decision_latency_ms_p50', at(f.decision_latency_ms_p50), '', ''],
    [
      'decision_latency_ms_p95',
      at(f.decision_latency_ms_p95),
      `< ${TARGETS.decisionP95Ms}`,
      mark(f.decision_latency_ms_p95! < TARGETS.decisionP95Ms),
    ],
    ['worker_rss_mb_peak', at(f.worker_rss_mb_peak), '', ''],
    ['saturation_course_decisions_per_s', at(f.saturation_course_decisions_per_s), '', ''],
    ['saturation_baseline_updates_per_s', at(f.saturation_baseline_updates_per_s), '', ''],
    [
      'saturation_ratio',
      at(f.saturation_ratio),
      `≥ ${TARGETS.saturationRatio}`,
      f.saturation_ratio === null ? '' : mark(f.saturation_ratio! >= TARGETS.saturationRatio),
    ],
    [
      'history_events_per_cycle',
      at(f.history_events_per_cycle),
      `< ${TARGETS.historyEvents}`,
      mark(f.history_events_per_cycle! < TARGETS.historyEvents),
    ],
    ['history_bytes_per_cycle', at(f.history_bytes_per_cycle), '', ''],
    ['emails_per_s', at(f.emails_per_s), '', ''],
    ['open_courses', at(f.open_courses), '', ''],
    [
      'worker_rss_mb_at_scale',
      at(f.worker_rss_mb_at_scale),
      `< ${TARGETS.rssAtScaleMb}`,
      f.worker_rss_mb_at_scale === null ? '' : mark(f.worker_rss_mb_at_scale! < TARGETS.rssAtScaleMb),
    ],
    ['dev_server_db_mb', at(f.dev_server_db_mb), '', ''],
    [
      'lifecycle_3y_timeskip_s',
      at(f.lifecycle_3y_timeskip_s),
      `< ${TARGETS.timeskipSeconds}`,
      f.lifecycle_3y_timeskip_s === null ? '' : mark(f.lifecycle_3y_timeskip_s! < TARGETS.timeskipSeconds),
    ],
  ];
  return [
    table(['figure', 'value', 'target', ''], rows),
    facts([
      ['courses', `${d.courses} (largest: ${d.largest_course_countries} countries), windows ${d.step_seconds} s apart`],
      ['worker CPU s', `baseline ${d.worker_cpu_s.baseline}, course ${d.worker_cpu_s.course}`],
      [
        'run start ms',
        `new course ${d.course_run_start_ms.new_course}, continued run ${d.course_run_start_ms.continued_run} (first task, replayed)`,
      ],
      [
        'decision p50/p95 ms',
        Object.entries(d.decision_latency_ms_by_kind)
          .map(([kind, l]) => `${kind} ${l.p50}/${l.p95} (${l.sent})`)
          .join(', '),
      ],
      [
        'baseline p50/p95 ms',
        Object.entries(d.baseline_decision_latency_ms_by_kind)
          .map(([kind, l]) => `${kind} ${l.p50}/${l.p95}`)
          .join(', '),
      ],
      ['worker', d.worker_node_flags],
      [
        'machine',
        `${machine.cpu_model}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node_version}`,
      ],
      ['load average at start', machine.load_average_at_start.join(' ')],
    ]),
  ].join('\n');
}

/** `--production-rss`: the worker's memory as npm start runs it against the production build. */
export function renderRssTable(figures: RssFigures[], machine: ReturnType<typeof describeMachine>): string {
  const rows = figures.map((f) => [
    f.variant,
    f.polling_after_s,
    f.rss_mb_at_start,
    `${f.rss_mb_with_open_courses} (${f.open_courses})`,
    f.rss_mb_peak,
  ]);
  return [
    table(['worker', 'polling after (s)', 'RSS at start (MB)', 'RSS with open courses (MB)', 'peak (MB)'], rows),
    `${machine.cpu_model}, ${machine.cores} cores, ${machine.memory_gb} GB, Node ${machine.node_version}`,
  ].join('\n');
}
