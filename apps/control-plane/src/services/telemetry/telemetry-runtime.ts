// Everything the telemetry routes use, created once per app: the telemetry service (created before the
// other services, since it is their telemetry sink), the mesh context, the stream hub, and the
// control plane's own metrics for `/metrics`.
import type { ProxyStatus } from '@shadowmesh/api';
import type { ProxyRegistry } from '../push/proxy-registry.js';
import type { SnapshotPublisher } from '../push/snapshot-publisher.js';
import type { ServiceLogger } from '../service-logger.js';
import type { ResourceStore } from '../store/resource-store.js';
import { MeshContextSource } from './mesh-context.js';
import { PrometheusGraphSource } from './prometheus/prometheus-graph-source.js';
import type { ControlPlaneMetric } from './prometheus-exposition.js';
import { StreamHub, type StreamHubOptions } from './stream/stream-hub.js';
import type { TelemetryService } from './telemetry-service.js';

export interface TelemetryRuntime {
  service: TelemetryService;
  mesh: MeshContextSource;
  hub: StreamHub;
  /** The graph from Prometheus, when the control plane was given one (`--prometheus`); else null. */
  prometheus: PrometheusGraphSource | null;
  /** The control plane's own metrics, sampled now. */
  controlPlaneMetrics(): ControlPlaneMetric[];
  close(): void;
}

export interface TelemetryRuntimeOptions {
  service: TelemetryService;
  store: ResourceStore;
  registry: ProxyRegistry;
  log: ServiceLogger;
  /** Counts the config snapshots it sends to proxies (`shadowmesh_config_pushes_total`). */
  publisher: Pick<SnapshotPublisher, 'pushes'>;
  stream?: Pick<StreamHubOptions, 'tickMs' | 'maxBufferedBytes' | 'pingMs'>;
  /** Prometheus's web root (config `prometheusUrl`); absent or null ⇒ the built-in graph only. */
  prometheusUrl?: string | null;
}

export function createTelemetryRuntime(options: TelemetryRuntimeOptions): TelemetryRuntime {
  const { service, store, registry, log } = options;
  const mesh = new MeshContextSource(store, registry, service.gateways);
  const hub = new StreamHub({ telemetry: service, mesh, store, registry, log, ...options.stream });
  const { publisher } = options;
  const pushes = () => publisher.pushes;
  return {
    service,
    mesh,
    hub,
    prometheus: options.prometheusUrl ? new PrometheusGraphSource({ url: options.prometheusUrl }) : null,
    controlPlaneMetrics: () => controlPlaneMetrics(options, pushes, hub),
    close() {
      hub.close();
      service.close();
    },
  };
}

function controlPlaneMetrics(
  options: TelemetryRuntimeOptions,
  pushes: () => number,
  hub: StreamHub,
): ControlPlaneMetric[] {
  const { service, store, registry } = options;
  const statuses = registry.statuses();
  const connected = statuses.filter((s) => s.connected);
  const count = (test: (s: ProxyStatus) => boolean) => connected.filter(test).length;
  const c = service.counters;
  const counter = (name: string, help: string, value: number): ControlPlaneMetric => ({
    name,
    help,
    type: 'counter',
    samples: [{ value }],
  });
  const gauge = (name: string, help: string, value: number): ControlPlaneMetric => ({
    name,
    help,
    type: 'gauge',
    samples: [{ value }],
  });
  return [
    {
      name: 'shadowmesh_proxies_connected',
      help: 'Proxies connected to the control plane, by kind.',
      type: 'gauge',
      samples: (['sidecar', 'gateway'] as const).map((kind) => ({
        labels: { kind },
        value: count((s) => s.proxy.kind === kind),
      })),
    },
    {
      name: 'shadowmesh_proxies_sync',
      help: 'Connected proxies by config sync status (as proxy-status shows it).',
      type: 'gauge',
      samples: (['SYNCED', 'STALE', 'NOT SENT', 'NACKED'] as const).map((status) => ({
        labels: { status },
        value: count((s) => s.status === status),
      })),
    },
    counter(
      'shadowmesh_config_pushes_total',
      'Config snapshots sent to proxies (one per proxy and snapshot).',
      pushes(),
    ),
    gauge('shadowmesh_config_revision', 'Newest revision of the config store.', store.headRevision),
    counter(
      'shadowmesh_proxy_messages_malformed_total',
      'Proxy messages refused as malformed.',
      registry.counters.malformedMessages,
    ),
    counter(
      'shadowmesh_proxy_connections_refused_total',
      'Proxy connections refused (protocol mismatch, no hello).',
      registry.counters.refusedConnections,
    ),
    counter('shadowmesh_telemetry_messages_total', 'Telemetry messages received from proxies.', c.messages),
    counter(
      'shadowmesh_telemetry_rejected_total',
      'Telemetry messages refused as malformed (nothing of them was recorded).',
      c.rejected,
    ),
    counter(
      'shadowmesh_telemetry_series_dropped_total',
      'Edge deltas dropped because the series bound was reached.',
      c.seriesDropped,
    ),
    gauge('shadowmesh_telemetry_series', 'Edge label sets held.', service.registry.size),
    gauge('shadowmesh_telemetry_store_bytes', 'Bytes held by the time-series frames.', service.store.bytes()),
    counter(
      'shadowmesh_telemetry_frames_dropped_total',
      'Time-series frames dropped (oldest first) to stay within the memory budget.',
      service.store.framesDropped,
    ),
    gauge('shadowmesh_stream_clients', 'Clients connected to /api/v1/stream.', hub.clients.size),
    counter(
      'shadowmesh_stream_skipped_ticks_total',
      'Stream updates skipped because a client had not read the previous one (coalesced into the next).',
      hub.skippedTicks,
    ),
  ];
}
