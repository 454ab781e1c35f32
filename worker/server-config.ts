/**
 * Dynamic config every Temporal server we start or ship carries: the dev
 * server of `npm start` (worker/dev-server.ts), the test servers
 * (test/support/temporal.ts) and the compose cluster
 * (deploy/temporal/dynamicconfig/kccp.yaml, kept equal by a test).
 *
 * history.maxInFlightUpdatePayloads: the server refuses an update, with
 * RESOURCE_EXHAUSTED and before any worker sees it, when the requests of a
 * workflow's updates in flight would reach this many bytes (the default is
 * 20 MiB). Without it a 3 MB update is admitted, the course's validator
 * refuses it, and the SDK's rejection, which carries the request back,
 * exceeds the 2 MiB payload limit: the worker fails the workflow task
 * (TMPRL1103 PayloadsTooLarge), writes WorkflowTaskFailed to the course's
 * history, and queries and updates of that course fail until the server
 * drops the update (issue 13, finding 6). `limit.blobSize.error` does not help:
 * the frontend does not check an update's size against it, and a lower value
 * only lowers the worker's own limit on what it sends back.
 *
 * 1 MiB is room for the 10 updates a workflow may have in flight
 * (history.maxInFlightUpdates) at the decision budget (64 KiB of JSON,
 * domain/decisions.ts) with their envelopes, and half the 2 MiB blob limit, so
 * no rejection the worker sends back comes near it.
 */
export const UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES = 1024 * 1024;

/** Key and value of each setting, as `--dynamic-config-value` and the compose YAML spell them. */
export const SERVER_DYNAMIC_CONFIG: Readonly<Record<string, number>> = {
  'history.maxInFlightUpdatePayloads': UPDATE_PAYLOADS_IN_FLIGHT_MAX_BYTES,
};

/** `--dynamic-config-value key=value` pairs for `temporal server start-dev`. */
export function dynamicConfigFlags(): string[] {
  return Object.entries(SERVER_DYNAMIC_CONFIG).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${value}`]);
}
