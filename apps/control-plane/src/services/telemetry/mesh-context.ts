// What the graph needs besides telemetry: the config view (rebuilt when the store's revision moves),
// gateways, each workload's labels (from the registered proxies), and the divergence of compared mirror
// copies (rebuilt when the flows service has recorded new comparisons).
import type { DivergenceResponse } from '@shadowmesh/api';
import type { ProxyRegistry } from '../push/proxy-registry.js';
import type { ResourceStore } from '../store/resource-store.js';
import type { ConfigView } from './graph/config-view.js';
import { buildConfigView } from './graph/config-view.js';
import { DivergenceIndex } from './graph/divergence-index.js';
import type { MeshContext } from './graph/graph-types.js';

/** Where divergence comes from (the flows service). */
export interface DivergenceSource {
  /** Changes whenever the divergence may have. */
  readonly divergenceVersion: number;
  divergence(): DivergenceResponse;
}

export class MeshContextSource {
  private view: { revision: number; config: ConfigView } | null = null;
  private divergenceSource: DivergenceSource | null = null;
  private divergence: { revision: number; version: number; index: DivergenceIndex } | null = null;

  constructor(
    private readonly store: ResourceStore,
    private readonly registry: ProxyRegistry,
    /** Gateways seen in telemetry (proxies that have since gone stay known). */
    private readonly knownGateways: ReadonlySet<string>,
  ) {}

  /** Puts divergence on the graph's mirror edges. */
  useDivergence(source: DivergenceSource): void {
    this.divergenceSource = source;
    this.divergence = null;
  }

  current(): MeshContext {
    const revision = this.store.headRevision;
    if (this.view === null || this.view.revision !== revision) {
      this.view = { revision, config: buildConfigView(this.store.list()) };
    }
    const gateways = new Set(this.knownGateways);
    const workloadLabels = new Map<string, Readonly<Record<string, string>>>();
    for (const status of this.registry.statuses()) {
      const ref = `${status.proxy.namespace}/${status.proxy.workload}`;
      if (status.proxy.kind === 'gateway') gateways.add(ref);
      else if (!workloadLabels.has(ref) || status.connected) workloadLabels.set(ref, status.proxy.labels);
    }
    const context: MeshContext = { config: this.view.config, gateways, workloadLabels };
    const divergence = this.divergenceIndex(revision, this.view.config);
    if (divergence !== null) context.divergence = divergence;
    return context;
  }

  private divergenceIndex(revision: number, config: ConfigView): DivergenceIndex | null {
    const source = this.divergenceSource;
    if (source === null) return null;
    const version = source.divergenceVersion;
    const held = this.divergence;
    if (held !== null && held.version === version && held.revision === revision) return held.index;
    const index = new DivergenceIndex(source.divergence().items, (host, subset) =>
      config.subsetLabels(host, subset),
    );
    this.divergence = { revision, version, index };
    return index;
  }
}
