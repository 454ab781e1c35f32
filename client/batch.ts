/**
 * Many decisions to one course (CSV files): sent one after another, with a
 * progress bar on stderr and a per-row report of what the workflow answered.
 */
import { SingleBar } from 'cli-progress';
import type { Client } from '@temporalio/client';
import type { DecisionKind, DecisionOf } from '../domain/decisions';
import { describeAnswer, phaseProblem, sendDecision } from './decide';
import { openRunningCourse, queryStatus } from './course-access';
import { refused } from './errors';
import { print, printJson, table } from './output';
import type { RowProblem } from './csv';

export interface BatchItem<K extends DecisionKind> {
  /** Lines of the file the decision comes from. */
  lines: number[];
  /** What the row is about, e.g. its country. */
  label: string;
  decision: DecisionOf<K>;
}

export interface BatchResult {
  lines: number[];
  label: string;
  result: 'accepted' | 'duplicate' | 'rejected' | 'skipped';
  message: string;
  idempotencyKey?: string;
}

export interface BatchOptions {
  json?: boolean;
  /** Show the bar even when stderr is not a terminal. */
  progress?: boolean;
}

export async function sendBatch<K extends DecisionKind>(
  client: Client,
  code: string,
  kind: K,
  items: BatchItem<K>[],
  skipped: RowProblem[],
  options: BatchOptions,
): Promise<BatchResult[]> {
  const course = await openRunningCourse(client, code);
  const status = await queryStatus(client, course);
  const problem = phaseProblem(status, kind, items[0]?.decision.cycle);
  if (problem) throw refused(`${problem}; nothing was sent`);

  const bar =
    options.progress || process.stderr.isTTY
      ? new SingleBar({
          stream: process.stderr,
          format: `${kind} {bar} {value}/{total} rows | {label}`,
          noTTYOutput: true,
          notTTYSchedule: 250,
        })
      : undefined;
  bar?.start(items.length, 0, { label: '' });
  const results: BatchResult[] = skipped.map((p) => ({
    lines: [p.line],
    label: '',
    result: 'skipped' as const,
    message: `${p.field ? `field "${p.field}": ` : ''}${p.message}`,
  }));
  for (const item of items) {
    const outcome = await sendDecision(client, course, item.decision, status);
    results.push({
      lines: item.lines,
      label: item.label,
      idempotencyKey: item.decision.idempotencyKey,
      ...(outcome.accepted
        ? { result: outcome.answer.duplicate ? 'duplicate' : 'accepted', message: describeAnswer(outcome.answer) }
        : { result: 'rejected', message: outcome.reason }),
    });
    bar?.increment({ label: item.label });
  }
  bar?.stop();
  results.sort((a, b) => a.lines[0]! - b.lines[0]!);
  report(code, kind, results, options);
  const rejected = results.filter((r) => r.result === 'rejected').length;
  if (rejected)
    throw refused(
      `${rejected} of ${items.length} ${kind} decision${items.length === 1 ? '' : 's'} rejected by course ${code}`,
    );
  return results;
}

function report(code: string, kind: string, results: BatchResult[], options: BatchOptions): void {
  if (options.json) {
    printJson({ course: code, kind, results });
    return;
  }
  print(
    table(
      ['line', 'row', 'result', 'message'],
      results.map((r) => [r.lines.join(','), r.label, r.result, r.message]),
    ),
  );
  const count = (result: BatchResult['result']) => results.filter((r) => r.result === result).length;
  print(
    `${code}: ${count('accepted')} accepted, ${count('duplicate')} already recorded, ${count('rejected')} rejected, ${count('skipped')} skipped`,
  );
}
