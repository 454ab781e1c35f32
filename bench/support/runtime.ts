/**
 * The benchmark's Temporal runtime, installed before anything else creates one:
 * the core's own logs go through the JS logger to stderr, so `--json` leaves
 * stdout to the JSON. (The bench exits explicitly; the forwarding timer this
 * keeps alive would hold a test runner open, so tests keep the default.)
 */
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger('WARN'),
  telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN' }) } },
});
