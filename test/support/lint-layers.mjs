// Runs the layer rule of eslint.config.mjs outside jest (whose VM cannot load an ESM config).
// stdin: {"planted": [{"file", "source"}], "dirs": [...]}; stdout: problems per planted file and for dirs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';

const RULE = 'import-x/no-restricted-paths';
const root = process.cwd();
const request = JSON.parse(readFileSync(0, 'utf8'));
// Only the layer rule: type-aware rules need the file in the TS project, which a planted one is not.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === RULE,
});
const messages = (result) => result.messages.map((m) => `${m.ruleId}: ${m.message}`);
const planted = [];
for (const { file, source } of request.planted) {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  planted.push(messages(result));
}
const tree = await eslint.lintFiles(request.dirs.map((d) => path.join(root, d)));
const treeProblems = tree.flatMap((r) => messages(r).map((m) => `${path.relative(root, r.filePath)}: ${m}`));
process.stdout.write(JSON.stringify({ planted, treeFiles: tree.length, treeProblems }));
