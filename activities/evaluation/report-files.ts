/**
 * The report's files in `<reports>/JFY<year>/`: report.md, report.csv,
 * chart.svg and report.json (what `kccp report --json` prints). Each file is
 * written beside its final name and renamed, so a reader never sees half a report.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { evaluationReport } from '../../domain/evaluation/report';
import { REPORT_FILES, reportCsv, reportMarkdown } from '../../domain/evaluation/render';
import { renderChartSvg } from './chart';
import type { ReportRequest, WrittenReport } from './contracts';
import { insideReports, REPORT_JSON, reportDirectory } from '../../platform/report-files';

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
