/**
 * Test-only workflow interceptor, bundled into the SIGKILL test's workflow
 * code: activities' heartbeat timeout drops from the workflow's 2 minutes to
 * FAULTS_HEARTBEAT (20 s). A worker killed mid-fan-out is noticed by the
 * server only when the heartbeat times out, so the production value would
 * make each such kill cost two minutes of waiting; the recovery path (retry
 * from the last heartbeat, same Message-IDs) is the same either way.
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        return next({ ...input, options: { ...input.options, heartbeatTimeout: '20s' } });
      },
    },
  ],
});
