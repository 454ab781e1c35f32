/**
 * The second half of `npm run build` (after tsc): the workflow bundle the
 * production worker loads instead of bundling at every start, built with the
 * same preloaded modules the development worker uses, and the reference data
 * the compiled activities read beside them (dist/data, as data/ is beside activities/).
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PREBUILT_WORKFLOW_BUNDLE_NAME } from '../worker/bootstrap';
import { COURSE_WORKFLOWS_PATH, SHARED_WORKFLOW_MODULES } from '../worker/workflow-modules';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dist = path.join(root, 'dist');
  mkdirSync(dist, { recursive: true });
  const { code } = await bundleWorkflowCode({
    workflowsPath: COURSE_WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
  });
  const file = path.join(dist, PREBUILT_WORKFLOW_BUNDLE_NAME);
  writeFileSync(file, code);
  cpSync(path.join(root, 'data'), path.join(dist, 'data'), { recursive: true });
  console.log(`Workflow bundle: ${path.relative(root, file)} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
