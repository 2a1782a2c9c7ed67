// What the config operations share: the store, the running workloads (for analysis), and the
// analysis of the live state, cached until the store or the workloads change.
import { analyze, type Finding, type MeshResource, type WorkloadEndpoint } from '@shadowmesh/api';
import type { ResourceStore } from '../store/resource-store.js';

export interface WorkloadSource {
  /** Workloads of connected sidecars; analysis uses them for subset and mirror-endpoint rules. */
  endpoints(): WorkloadEndpoint[];
  /** Changes whenever `endpoints()` may have changed. */
  readonly endpointsVersion: number;
}

export class ConfigContext {
  readonly store: ResourceStore;
  readonly #workloads: WorkloadSource;
  #cache: { key: string; findings: Finding[] } | null = null;

  constructor(store: ResourceStore, workloads: WorkloadSource) {
    this.store = store;
    this.#workloads = workloads;
  }

  workloads(): readonly WorkloadEndpoint[] {
    return this.#workloads.endpoints();
  }

  /** Findings of the live state (cached per store revision and workload set). */
  liveFindings(): Finding[] {
    const key = this.#key();
    if (this.#cache?.key !== key)
      this.#cache = { key, findings: analyze(this.store.list(), this.workloads()) };
    return this.#cache.findings;
  }

  /** Findings of a state that is not (yet) live: nothing is cached. */
  findingsOf(resources: readonly MeshResource[]): Finding[] {
    return analyze(resources, this.workloads());
  }

  /** Records findings just computed for what is now the live state. */
  rememberLive(findings: Finding[]): void {
    this.#cache = { key: this.#key(), findings };
  }

  #key(): string {
    return `${this.store.headRevision}/${this.#workloads.endpointsVersion}`;
  }
}
