import type { Core } from '../../src/create-core';
import { buildMetricsRegistry } from '../../src/metrics/metrics-registry';
import type { MetricsEndpoint } from '../http/metrics-route';

/**
 * GET /metrics of the running core: its metrics port (engine and database, read at scrape time)
 * with Node's process metrics, readable with the API key or METRICS_TOKEN. A metric that cannot
 * be read is logged and answered as unknown; the others are answered as usual.
 */
export function coreMetricsEndpoint(
  core: Pick<Core, 'metrics' | 'logger'> & { settings: { metricsToken?: string | undefined } },
): MetricsEndpoint {
  const registry = buildMetricsRegistry(core.metrics, {
    processMetrics: true,
    onReadError: (metric, error) =>
      core.logger.warn(
        `Metrics: ${metric} could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  return { registry, token: core.settings.metricsToken };
}
