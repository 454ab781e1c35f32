/**
 * What the worker loads into its workflow sandbox, in one place for the
 * worker, the tests' bundles and the fault suites' bundles, so they all run
 * the code production runs.
 */
export const COURSE_WORKFLOWS_PATH = require.resolve('../workflows');

/**
 * Modules evaluated once per reusable V8 context and shared by every workflow,
 * instead of once per workflow: with their own copies of zod, luxon and noble
 * in each cached course, 500 open courses took 1.5 GB of worker memory.
 *
 * Only libraries that keep no per-workflow state belong here. The SDK
 * deep-freezes shared modules, so domain/ itself stays per workflow: zod 4
 * builds a schema's methods on the instance at first use, which a frozen
 * schema built at module scope refuses.
 */
export const SHARED_WORKFLOW_MODULES: string[] = [require.resolve('./shared-libraries')];
