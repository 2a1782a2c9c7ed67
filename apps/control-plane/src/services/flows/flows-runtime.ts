// Everything the flow routes use, created once per app: the flows service (settings from the config
// store), the tap hub, the sink that feeds proxies' `flows` messages to them, and their metrics.
import type { ProxyIdentity } from '@shadowmesh/api';
import type { ProxyRegistry } from '../push/proxy-registry.js';
import type { TelemetrySink } from '../push/telemetry-sink.js';
import type { ServiceLogger } from '../service-logger.js';
import type { ControlPlaneMetric } from '../telemetry/prometheus-exposition.js';
import { FlowsService, type FlowsServiceOptions } from './flows-service.js';
import { ShadowSettingsSource } from './shadow-settings-source.js';
import { TapHub, type TapHubOptions } from './tap/tap-hub.js';

export interface FlowsRuntime {
  flows: FlowsService;
  tap: TapHub;
  /** Flow and tap counters for `/metrics`. */
  metrics(): ControlPlaneMetric[];
  close(): void;
}

export interface FlowsRuntimeOptions {
  flows: FlowsService;
  store: ConstructorParameters<typeof ShadowSettingsSource>[0];
  registry: ProxyRegistry;
  log: ServiceLogger;
  /** Copy wait beyond the mirror timeout (default 10 s). */
  copyGraceMs?: number;
  tap?: Pick<TapHubOptions, 'tickMs' | 'maxBufferedBytes' | 'pingMs'>;
}

/** The flows service, created before the other services (its sink is part of theirs). */
export function createFlowsService(options: Omit<FlowsServiceOptions, 'settings'> = {}): FlowsService {
  return new FlowsService(options);
}

export function createFlowsRuntime(options: FlowsRuntimeOptions): FlowsRuntime {
  const { flows, registry, log } = options;
  flows.useSettings(new ShadowSettingsSource(options.store, options.copyGraceMs));
  const tap = new TapHub({ flows, registry, log, ...options.tap });
  return {
    flows,
    tap,
    metrics: () => flowMetrics(flows, tap),
    close() {
      tap.close();
      flows.close();
    },
  };
}

/** A sink that gives `flows` messages to the service, then forwards everything to `next`. */
export function flowsSink(flows: FlowsService, next: TelemetrySink | undefined): TelemetrySink {
  return {
    telemetry: (proxy: ProxyIdentity, payload: unknown) => next?.telemetry(proxy, payload),
    flows: (proxy: ProxyIdentity, payload: unknown) => {
      flows.ingest(proxy, payload);
      next?.flows(proxy, payload);
    },
  };
}

function flowMetrics(flows: FlowsService, tap: TapHub): ControlPlaneMetric[] {
  const c = flows.counters;
  const counter = (name: string, help: string, value: number, labels?: Record<string, string>) => ({
    name,
    help,
    type: 'counter' as const,
    samples: [{ ...(labels ? { labels } : {}), value }],
  });
  const gauge = (name: string, help: string, value: number) => ({
    name,
    help,
    type: 'gauge' as const,
    samples: [{ value }],
  });
  let tapDropped = 0;
  for (const client of tap.clients) tapDropped += client.droppedTotal;
  return [
    counter('shadowmesh_flows_messages_total', 'Flows messages received from proxies.', c.messages),
    {
      name: 'shadowmesh_flows_rejected_total',
      help: 'Flows refused: malformed messages, and primary records whose source is not the sending proxy.',
      type: 'counter',
      samples: [
        { labels: { reason: 'malformed' }, value: c.rejected },
        { labels: { reason: 'foreign_source' }, value: c.foreign },
      ],
    },
    counter('shadowmesh_flows_records_total', 'Flow records kept (primaries and copies).', c.records),
    counter(
      'shadowmesh_flows_duplicates_total',
      'Flow records ignored: already held, a second primary for a request id, or copies beyond 64.',
      c.duplicates,
    ),
    counter('shadowmesh_flows_proxy_dropped_total', 'Flows the proxies reported dropping.', c.proxyDropped),
    counter(
      'shadowmesh_flows_evicted_total',
      'Flow records evicted (oldest first) to stay within the ring bounds.',
      flows.ring.evictedRecords,
    ),
    gauge('shadowmesh_flows_held', 'Flow records held.', flows.ring.records),
    gauge('shadowmesh_flows_body_chars', 'Characters of captured bodies held.', flows.ring.bytes),
    gauge('shadowmesh_tap_clients', 'Clients connected to /api/v1/tap.', tap.clients.size),
    gauge('shadowmesh_tap_sessions', 'Tap sessions pushed to proxies.', tap.sessions().length),
    counter(
      'shadowmesh_tap_dropped_total',
      'Flows not sent to connected tap clients (rate limit or a full socket).',
      tapDropped,
    ),
  ];
}
