// What the graph needs besides telemetry: the config view (rebuilt when the store's revision moves),
// gateways, and each workload's labels (from the registered proxies).
import type { ProxyRegistry } from '../push/proxy-registry.js';
import type { ResourceStore } from '../store/resource-store.js';
import type { ConfigView } from './graph/config-view.js';
import { buildConfigView } from './graph/config-view.js';
import type { MeshContext } from './graph/graph-types.js';

export class MeshContextSource {
  private view: { revision: number; config: ConfigView } | null = null;

  constructor(
    private readonly store: ResourceStore,
    private readonly registry: ProxyRegistry,
    /** Gateways seen in telemetry (proxies that have since gone stay known). */
    private readonly knownGateways: ReadonlySet<string>,
  ) {}

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
    return { config: this.view.config, gateways, workloadLabels };
  }
}
