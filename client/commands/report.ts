/** `kccp report <fiscal-year>`: the yearly evaluation's report, read from the reports folder. */
import { Option, type Command } from 'commander';
import { readReport, reportDirectory, reportsDirFromEnv } from '../../platform/report-files';
import { globalOptions } from '../context';
import { refused } from '../errors';
import { print, printJson } from '../output';
import { parseFiscalYear } from '../parsers';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('print the yearly evaluation report of a fiscal year (Markdown; --csv or --json for data)')
    .argument('<fiscal-year>', 'Japanese fiscal year, e.g. 2020 for April 2020 to March 2021', parseFiscalYear)
    .addOption(new Option('--csv', 'print the CSV instead').conflicts('files'))
    .option('--files', 'print where the report files are')
    .option('--reports-dir <dir>', 'reports folder (default: $KCCP_REPORTS_DIR, else var/reports)')
    .action(
      async (fiscalYear: number, flags: { csv?: boolean; files?: boolean; reportsDir?: string }, command: Command) => {
        const reportsDir = flags.reportsDir ?? reportsDirFromEnv();
        const found = await readReport(reportsDir, fiscalYear);
        if (!found) {
          throw refused(`no report for JFY${fiscalYear} in ${reportDirectory(reportsDir, fiscalYear)}`, [
            'Run the evaluation with `kccp schedule trigger` (or `kccp schedule trigger --fiscal-year <year>`), then try again once it completes.',
          ]);
        }
        if (globalOptions(command).json) return printJson(found.report);
        if (flags.csv) return print(found.csv);
        if (flags.files) {
          return print(
            ['report.md', 'report.csv', 'chart.svg', 'report.json'].map((f) => `${found.directory}/${f}`).join('\n'),
          );
        }
        print(found.markdown);
        print(`(files in ${found.directory}: report.md, report.csv, chart.svg)`);
      },
    );
}
