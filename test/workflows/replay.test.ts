import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { bundleWorkflowCodeOnce } from '../support/temporal';

const HISTORIES = join(__dirname, '..', 'histories');

/** Every stored history, from every shipped label: courses started under old code must replay under today's. */
function storedHistories() {
  return readdirSync(HISTORIES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(HISTORIES, d.name))
        .filter((f) => f.endsWith('.json'))
        .map((f) => ({
          name: `${d.name}/${f}`,
          history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, d.name, f), 'utf8'))),
        })),
    );
}

describe('replay of stored course histories', () => {
  const histories = storedHistories();

  it('keeps, for each shipped shape, a history of every cycle run and of a cycle that was not held', () => {
    const names = histories.map((h) => h.name);
    for (const label of ['v1', 'v2', 'v3', 'v4', 'v5']) {
      expect(names).toEqual(
        expect.arrayContaining(
          [1, 2, 3].map((run) => `${label}/held-course-run-${run}.json`).concat(`${label}/scrutiny-failed-run-1.json`),
        ),
      );
    }
  });

  it('keeps the yearly evaluation as shipped before its input was checked: a first run and its continued runs', () => {
    const names = histories.map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining([1, 2, 3].map((run) => `evaluation-v1/evaluation-run-${run}.json`)));
    const continued = histories.find((h) => h.name === 'evaluation-v1/evaluation-run-2.json')!;
    const started = continued.history.events![0]!.workflowExecutionStartedEventAttributes!;
    expect(started.workflowType?.name).toBe('yearlyEvaluation');
    // The old shape: the carried tally in the clear, as a starter could also have sent it.
    const input = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString('utf8')) as { carried?: unknown };
    expect(input.carried).toMatchObject({ pageToken: expect.any(String), tally: { fiscalYear: 2027 } });
  });

  it('replays every stored history under the current workflow code without nondeterminism', async () => {
    const workflowBundle = await bundleWorkflowCodeOnce(require.resolve('../../workflows'));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle },
      histories.map((h) => ({ workflowId: h.name, history: h.history })),
    )) {
      results.push({ history: result.workflowId, error: result.error ? String(result.error) : undefined });
    }
    expect(results).toHaveLength(histories.length);
    expect(results.filter((r) => r.error)).toEqual([]);
  });
});
