// Every export here is registered as a workflow type: export workflow functions only.
export { courseLifecycle } from './course-lifecycle';
export { yearlyEvaluation } from './evaluation';
