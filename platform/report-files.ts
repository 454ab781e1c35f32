/**
 * Where the yearly reports live, `<reports>/JFY<year>/`, and reading one back:
 * shared by the activity that writes them and `kccp report`, which reads them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { FISCAL_YEAR_RULE, isFiscalYear } from '../domain/evaluation/input';
import type { EvaluationReport } from '../domain/evaluation/report';
import { REPORT_FILES } from '../domain/evaluation/render';
import { FAILURE } from '../domain/failures';

export const REPORT_JSON = 'report.json';

/** KCCP_REPORTS_DIR, else var/reports in the project (git-ignored). */
export function reportsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.KCCP_REPORTS_DIR || path.join(__dirname, '..', 'var', 'reports'));
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
      FAILURE.InvalidReportPath,
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
      FAILURE.InvalidReportPath,
    );
  }
  return target;
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
