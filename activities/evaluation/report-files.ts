/**
 * The report's files in `<reports>/JFY<year>/`: report.md, report.csv,
 * chart.svg and report.json (what `kccp report --json` prints). Each file is
 * written beside its final name and renamed, so a reader never sees half a report.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { FISCAL_YEAR_RULE, isFiscalYear } from '../../domain/evaluation/input';
import { evaluationReport, type EvaluationReport } from '../../domain/evaluation/report';
import { REPORT_FILES, reportCsv, reportMarkdown } from '../../domain/evaluation/render';
import { renderChartSvg } from './chart';
import type { ReportRequest, WrittenReport } from './contracts';

export const REPORT_JSON = 'report.json';

/** KCCP_REPORTS_DIR, else var/reports in the project (git-ignored). */
export function reportsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.KCCP_REPORTS_DIR || path.join(__dirname, '..', '..', 'var', 'reports'));
}

/**
 * `<reports>/JFY<year>`, resolved, and refused unless it lies inside the
 * reports folder: the year reaches here from a workflow's input and a
 * report's tally, and a year such as `../../..` must never name a folder.
 * The failures are non-retryable: no retry makes a bad year good.
 */
export function reportDirectory(reportsDir: string, fiscalYear: number): string {
  if (!isFiscalYear(fiscalYear)) {
    throw ApplicationFailure.nonRetryable(
      `report folder: fiscalYear must be ${FISCAL_YEAR_RULE}; got ${JSON.stringify(fiscalYear)}`,
      'InvalidReportPath',
    );
  }
  return insideReports(reportsDir, `JFY${fiscalYear}`);
}

/** A path under the reports folder, resolved; anything that would leave it is refused. */
export function insideReports(reportsDir: string, ...segments: string[]): string {
  const root = path.resolve(reportsDir);
  const target = path.resolve(root, ...segments);
  const relative = path.relative(root, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw ApplicationFailure.nonRetryable(
      `report path ${JSON.stringify(segments.join('/'))} must stay inside the reports folder ${root}`,
      'InvalidReportPath',
    );
  }
  return target;
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const staging = `${file}.${process.pid}.tmp`;
  await writeFile(staging, content, 'utf8');
  await rename(staging, file);
}

export async function writeReportFiles(reportsDir: string, request: ReportRequest): Promise<WrittenReport> {
  const report = evaluationReport(request.tally, { generatedAt: request.generatedAt, source: request.source });
  const directory = reportDirectory(reportsDir, report.fiscalYear);
  await mkdir(directory, { recursive: true });
  const file = (name: string) => insideReports(reportsDir, path.basename(directory), name);
  const files = { markdown: file(REPORT_FILES.markdown), csv: file(REPORT_FILES.csv), chart: file(REPORT_FILES.chart) };
  await writeAtomically(files.chart, await renderChartSvg(report));
  await writeAtomically(files.csv, reportCsv(report));
  await writeAtomically(file(REPORT_JSON), `${JSON.stringify(report, null, 2)}\n`);
  // The Markdown last: its presence says the whole report is there.
  await writeAtomically(files.markdown, reportMarkdown(report));
  return {
    fiscalYear: report.fiscalYear,
    directory,
    files,
    totalCourses: report.totalCourses,
    totalParticipants: report.totalParticipants,
  };
}

/** A written report, read back for `kccp report`; undefined when that year has none. */
export async function readReport(
  reportsDir: string,
  fiscalYear: number,
): Promise<{ markdown: string; csv: string; report: EvaluationReport; directory: string } | undefined> {
  const directory = reportDirectory(reportsDir, fiscalYear);
  try {
    const [markdown, csv, json] = await Promise.all(
      [REPORT_FILES.markdown, REPORT_FILES.csv, REPORT_JSON].map((name) =>
        readFile(path.join(directory, name), 'utf8'),
      ),
    );
    return { markdown: markdown!, csv: csv!, report: JSON.parse(json!) as EvaluationReport, directory };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
