/**
 * The report's chart, drawn by Vega-Lite and rendered to SVG by Vega on the
 * server (no browser, no canvas): courses by subject beside participants by
 * region, and the program's participant rates (issue 16) when any course kept records.
 */
import type { TopLevelSpec } from 'vega-lite';
import { courses, formatRate, RATE_DEFINITIONS, RATE_NAMES, ratePercent } from '../../domain/evaluation/rates';
import type { EvaluationReport } from '../../domain/evaluation/report';

export function chartSpec(report: EvaluationReport): TopLevelSpec {
  const bar = (title: string, values: Record<string, unknown>[], category: string, amount: string, label: string) => ({
    title,
    data: { values },
    layer: [
      { mark: { type: 'bar' as const, color: '#2f6690' } },
      {
        mark: { type: 'text' as const, align: 'left' as const, dx: 3 },
        encoding: { text: { field: label, type: 'nominal' as const } },
      },
    ],
    encoding: {
      y: { field: category, type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 300 } },
      // Room right of the longest bar for its label.
      x: {
        field: amount,
        type: 'quantitative' as const,
        title: amount,
        scale: { domain: [0, Math.max(1, ...values.map((v) => Number(v[amount]))) * 1.3] },
      },
    },
    width: 360,
  });
  const { program, coursesWithRecords } = report.participantRates;
  // A rate with an empty base has no bar: 0 would read as "nobody", and the label says n/a.
  const rates = RATE_NAMES.map((n) => ({
    rate: RATE_DEFINITIONS[n].label,
    percent: ratePercent(program.rates[n]) ?? 0,
    label: formatRate(program.rates[n]),
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `KCCP JFY${report.fiscalYear}: ${report.totalCourses} courses, ${report.totalParticipants} participants`,
    hconcat: [
      bar(
        'Number of courses by subject',
        report.subjects.map((s) => ({ subject: s.subject, courses: s.courses, label: String(s.courses) })),
        'subject',
        'courses',
        'label',
      ),
      bar(
        'Ratio of participants by region',
        report.regions.map((r) => ({
          region: r.region,
          participants: r.participants,
          label: `${r.participants} (${r.percent.toFixed(2)} %)`,
        })),
        'region',
        'participants',
        'label',
      ),
      ...(coursesWithRecords > 0
        ? [bar(`Participant rates, ${courses(coursesWithRecords)} with records`, rates, 'rate', 'percent', 'label')]
        : []),
    ],
    config: { font: 'sans-serif', view: { stroke: null }, axis: { labelLimit: 280 } },
  };
}

export async function renderChartSvg(report: EvaluationReport): Promise<string> {
  // Loaded once a year when a report is drawn, not at worker start: together about 40 MB of RSS (issue 20).
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const { spec } = vegaLite.compile(chartSpec(report));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
