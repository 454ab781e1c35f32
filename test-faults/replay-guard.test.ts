/**
 * A change to deployed workflow code that would break running courses is
 * caught by replaying the stored histories (test/histories/v1), and the same
 * change behind patched() is not. The changes are made to a copy of
 * workflows/ in a temp directory, never to the real code.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { recordFigures } from './support/figures';

const PROJECT_DIR = path.resolve(__dirname, '..');
const WORKFLOWS_DIR = path.join(PROJECT_DIR, 'workflows');
const HISTORIES_DIR = path.join(PROJECT_DIR, 'test', 'histories', 'v1');
/** Where the change goes: before the course's main loop, after its handlers are set. */
const ANCHOR = '\n  for (;;) {\n';

const histories = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({
    workflowId: `v1/${f}`,
    history: historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, f), 'utf8'))),
  }));

/** A copy of workflows/ (its subfolders too) whose course workflow has `change` inserted at the anchor; imports of the rest of the project stay pointed at the project. */
function changedCopy(root: string, label: string, change: string): string {
  const dir = path.join(root, label, 'workflows');
  const copy = (relative: string, depth: number): void => {
    for (const entry of readdirSync(path.join(WORKFLOWS_DIR, relative), { withFileTypes: true })) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        copy(file, depth + 1);
        continue;
      }
      if (!entry.name.endsWith('.ts')) continue;
      // An import that climbs out of workflows/ points at the project itself.
      const outside = new RegExp(`from '(?:\\.\\./){${depth + 1}}([^']+)'`, 'g');
      let source = readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8').replace(
        outside,
        (_m, rest: string) => `from '${path.join(PROJECT_DIR, rest)}'`,
      );
      if (file === 'course-lifecycle.ts' && change) {
        if (!source.includes(ANCHOR))
          throw new Error(`the anchor of the change is gone from workflows/${file}; update this test`);
        source = `import { patched as faultsPatched, sleep as faultsSleep } from '@temporalio/workflow';\n${source.replace(ANCHOR, `\n${change}${ANCHOR}`)}`;
      }
      mkdirSync(path.join(dir, relative), { recursive: true });
      writeFileSync(path.join(dir, file), source);
    }
  };
  copy('', 0);
  return dir;
}

async function replayErrors(workflowsPath: string): Promise<{ history: string; error?: string }[]> {
  const ignore = () => undefined;
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath,
    logger: {
      log: ignore,
      trace: ignore,
      debug: ignore,
      info: ignore,
      warn: ignore,
      error: (m: string) => console.error(m),
    },
    // The copy lives outside the project: resolve @temporalio/* and the rest from the project's node_modules.
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, modules: [path.join(PROJECT_DIR, 'node_modules'), 'node_modules'] },
    }),
  });
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
    results.push({
      history: result.workflowId,
      error: result.error ? `${result.error.name}: ${result.error.message}` : undefined,
    });
  }
  return results;
}

describe('replay guards deployed courses against incompatible workflow changes', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kccp-faults-replay-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('replays the unchanged copy cleanly, catches an extra timer, and lets the same timer through behind patched()', async () => {
    const began = Date.now();
    expect(histories.length).toBeGreaterThanOrEqual(4);

    const unchanged = await replayErrors(changedCopy(root, 'unchanged', ''));
    expect(unchanged.filter((r) => r.error)).toEqual([]);

    const unguarded = await replayErrors(changedCopy(root, 'unguarded', "  await faultsSleep('1 second');"));
    expect(unguarded).toHaveLength(histories.length);
    for (const result of unguarded) {
      expect(result.error).toMatch(/DeterminismViolation|[Nn]ondetermin/);
    }
    console.log(`unguarded change, first replay error: ${unguarded[0].error}`);

    const guarded = await replayErrors(
      changedCopy(root, 'guarded', "  if (faultsPatched('faults-extra-timer')) await faultsSleep('1 second');"),
    );
    expect(guarded.filter((r) => r.error)).toEqual([]);

    recordFigures({
      test: 'replay: unguarded vs patched() change',
      faults: 2,
      courses: histories.length,
      completed: histories.length,
      notices: 0,
      duplicates: 0,
      lost: 0,
      failedWorkflows: 0,
      seconds: Math.round((Date.now() - began) / 1000),
      note: `${unguarded.filter((r) => r.error).length}/${histories.length} stored histories caught the unguarded timer; 0/${histories.length} failed with patched()`,
    });
  });
});
