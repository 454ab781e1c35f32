/**
 * Prints the figures every fault test recorded (support/figures.ts) as one
 * table after the run, before the summary line.
 */
const { existsSync, readFileSync, rmSync } = require('node:fs');

class FaultTableReporter {
  onRunComplete() {
    const file = process.env.KCCP_FAULT_FIGURES;
    if (!file || !existsSync(file)) return;
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    rmSync(file, { force: true });
    if (rows.length === 0) return;
    const columns = [
      ['test', 'fault test'],
      ['faults', 'faults injected'],
      ['courses', 'courses'],
      ['completed', 'courses completed'],
      ['notices', 'notices sent'],
      ['duplicates', 'duplicates'],
      ['lost', 'lost'],
      ['failedWorkflows', 'failed workflows'],
      ['resent', 'same Message-ID re-sent'],
      ['seconds', 'seconds'],
    ];
    const total = { test: 'total' };
    for (const [key] of columns.slice(1)) total[key] = rows.reduce((n, r) => n + (Number(r[key]) || 0), 0);
    const all = [...rows, total];
    const widths = columns.map(([key, title]) =>
      Math.max(title.length, ...all.map((r) => String(r[key] ?? '').length)),
    );
    const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
    const out = [
      '',
      'Fault tests',
      line(columns.map(([, title]) => title)),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...all.map((r) => line(columns.map(([key]) => r[key] ?? ''))),
      ...rows.filter((r) => r.note).map((r) => `  ${r.test}: ${r.note}`),
      '',
    ];
    process.stdout.write(`${out.join('\n')}\n`);
  }
}

module.exports = FaultTableReporter;
