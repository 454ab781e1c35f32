export * from './types';
export { advance } from './timeline';
export { nextWakeUp, calendarEvents, reminderLeads } from './calendar-events';
export { governmentsToRemind, GOVERNMENT_REMINDERS } from './government-notices';
export { mayReceive, pendingRecipients, recordDocuments, recipientKey } from './participant-documents';
export { decide, ACCEPTED_IN } from './decide';
export type { DecisionResult } from './decide';
export { receiveDecision } from './receive';
export type { ReceiveRules } from './receive';
export {
  checkCourseSpec,
  createCourseState,
  compactForContinueAsNew,
  isCourseFinished,
  recordRejection,
  courseIndex,
  upgradeState,
  appliedKey,
  keyDigest,
  STATE_MAX_BYTES,
} from './course';
export {
  noticeContext,
  undelivered,
  recordDeliveries,
  recordDeliveryProblem,
  settleDeliveryProblem,
  openDeliveryProblems,
  retryEffect,
  deliveryProblemId,
} from './delivery';
export type { CourseIndex, SpecCheck } from './course';
export { courseStatus, waitingFor } from './status';
export { courseDetails } from './details';
export type { CourseStatus, CycleStatus, OpenWindow, ParticipantRow } from './status';
export { requestingCountries, focusCycle } from './rules';
