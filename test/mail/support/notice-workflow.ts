/** A workflow that only sends one notice, so the mail suite can run the activity under a real worker and real retries. */
import { proxyActivities } from '@temporalio/workflow';
import type { CountryNoticeRequest, CourseActivities, DeliveryReport } from '../../../activities/contracts';

const { notifyCountries } = proxyActivities<CourseActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 1,
    maximumAttempts: 5,
  },
});

export async function sendOneNotice(request: CountryNoticeRequest): Promise<DeliveryReport> {
  return notifyCountries(request);
}
