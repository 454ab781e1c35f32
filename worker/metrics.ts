/**
 * Prometheus metrics from the SDK's own runtime telemetry (task latencies,
 * poll results, activity and workflow task counts, sticky cache), served at
 * http://<address>/metrics by the Rust core — no exporter of ours to keep.
 *
 * METRICS_PORT=9465 binds 127.0.0.1:9465; TEMPORAL_PROMETHEUS_ADDRESS=0.0.0.0:9465
 * binds any address (a container). Unset, "off" or "" → no endpoint.
 */
import type { TelemetryOptions } from '@temporalio/worker';

export interface MetricsSettings {
  bindAddress: string;
}

export function metricsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MetricsSettings | undefined {
  const address = env.TEMPORAL_PROMETHEUS_ADDRESS?.trim();
  if (address && address !== 'off') {
    const match = /^(.+):(\d{1,5})$/.exec(address);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65_535) {
      throw new Error(
        `TEMPORAL_PROMETHEUS_ADDRESS must be host:port, e.g. 0.0.0.0:9465; got ${JSON.stringify(address)}`,
      );
    }
    return { bindAddress: address };
  }
  const raw = env.METRICS_PORT?.trim();
  if (raw === undefined || raw === '' || raw === 'off' || raw === '0') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`METRICS_PORT must be a port number or "off"; got ${JSON.stringify(env.METRICS_PORT)}`);
  }
  return { bindAddress: `127.0.0.1:${port}` };
}

/** The telemetryOptions for Runtime.install; metrics names carry the SDK's `temporal_` prefix. */
export function metricsTelemetryOptions(settings: MetricsSettings | undefined): TelemetryOptions {
  if (!settings) return {};
  return { metrics: { prometheus: { bindAddress: settings.bindAddress } } };
}
