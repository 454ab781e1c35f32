/**
 * The layer rule of eslint.config.mjs (import-x/no-restricted-paths): an
 * upward import fails lint, in domain/ too, and the tree as it stands passes.
 * Planted files are linted as text at a path inside the layer, so nothing is
 * written into the source folders other suites and tools read.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const RULE = 'import-x/no-restricted-paths';

const UPWARD: [file: string, line: string, layer: string][] = [
  ['domain/planted.ts', "import type { CourseActivities } from '../activities/contracts';", 'domain/'],
  ['domain/lifecycle/planted.ts', "import { decisionUpdates } from '../../workflows/messages';", 'domain/'],
  ['security/planted.ts', "import { loadConnectionSettings } from '../platform/connection';", 'security/'],
  ['platform/planted.ts', "import { createActivities } from '../activities';", 'platform/'],
  ['activities/planted.ts', "import { courseLifecycle } from '../workflows/course-lifecycle';", 'activities/'],
  ['workflows/planted.ts', "import { connectClient } from '../platform/connection';", 'workflows/'],
  ['worker/planted.ts', "import { registerSchedule } from '../client/commands/schedule';", 'worker/'],
  ['client/planted.ts', "import { createActivities } from '../activities';", 'client/'],
  ['tooling/planted.ts', "import { loadConnectionSettings } from '../platform/connection';", 'tooling/'],
];
const ALLOWED: [file: string, line: string][] = [
  ['domain/lifecycle/planted.ts', "import { NOTICE_KINDS } from '../notices';"],
  ['activities/planted.ts', "import { statusQuery } from '../workflows/messages';"],
  ['workflows/planted.ts', "import type { CourseActivities } from '../activities/contracts';"],
  ['client/planted.ts', "import { loadConnectionSettings } from '../platform/connection';"],
  ['worker/planted.ts', "import { ensureEvaluationScheduleAtStart } from '../platform/schedule';"],
  ['worker/planted.ts', "import { resolveTemporalBinaries } from '../tooling/temporal-binaries';"],
  // A process entry point of security/ is top-level: it may read the connection settings.
  ['security/planted-main.ts', "import { loadConnectionSettings } from '../platform/connection';"],
];
const DIRS = ['domain', 'security', 'platform', 'activities', 'workflows', 'client', 'worker', 'tooling'];

interface LintAnswer {
  planted: string[][];
  treeFiles: number;
  treeProblems: string[];
}

let answer: LintAnswer;

beforeAll(() => {
  const planted = [...UPWARD, ...ALLOWED].map(([file, line]) => ({
    file,
    source: `${line}\nexport const planted = 1;\n`,
  }));
  const stdout = execFileSync(process.execPath, [path.join(ROOT, 'test/support/lint-layers.mjs')], {
    cwd: ROOT,
    input: JSON.stringify({ planted, dirs: DIRS }),
    encoding: 'utf8',
  });
  answer = JSON.parse(stdout) as LintAnswer;
});

describe('imports run one way', () => {
  test.each(UPWARD.map((c, i) => [...c, i] as const))('%s importing upward fails lint', (_file, _line, layer, i) => {
    const problems = answer.planted[i]!;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(RULE);
    expect(problems[0]).toContain(`${layer} must not import this`);
  });

  test.each(ALLOWED.map((c, i) => [...c, UPWARD.length + i] as const))(
    '%s importing downward or a contract passes',
    (_file, _line, i) => {
      expect(answer.planted[i]).toEqual([]);
    },
  );

  test('the source tree keeps the rule', () => {
    expect(answer.treeFiles).toBeGreaterThan(100);
    expect(answer.treeProblems).toEqual([]);
  });
});
