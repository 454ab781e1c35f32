/**
 * Logs what a worker logs, the way worker/main.ts sets its logger up, so the
 * logging test reads real output from a real process (a pipe or a terminal).
 * It exits straight after the last line: a line lost at exit shows as missing.
 */
import { createWorkerLogger, logSettingsFromEnv, routeConsoleToLogger } from '../../worker/logging';

const settings = logSettingsFromEnv();
routeConsoleToLogger(settings);
const logger = createWorkerLogger(settings);
logger.warn('Activity failed', { workflowId: 'course-KCCP-2027-AGR-01', activityType: 'notifyCountries', attempt: 3 });
console.log('Worker polling task queue %s', 'kccp-courses');
logger.error('Notice not sent', {
  workflowId: 'course-KCCP-2027-AGR-01',
  error: new TypeError('SMTP 554 refused'),
  scheduledNanos: 1_764_547_200_000_000_000n,
});
process.exit(0);
