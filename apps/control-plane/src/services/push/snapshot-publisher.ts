// Builds the config snapshot (all resources + endpoints of connected sidecars) and pushes it to
// every connected proxy: on every accepted change and endpoint change, debounced a few ms.
// Versions are decimal integers, monotonic across restarts (a persisted epoch × 1e6 + a sequence).
import type { ControlPlaneToProxy, ProxyConfigSnapshot } from '@shadowmesh/api';
import type { ServiceLogger } from '../service-logger.js';
import type { ResourceStore } from '../store/resource-store.js';
import type { ProxyEntry, ProxyRegistry } from './proxy-registry.js';

const EPOCH_SIZE = 1_000_000;

export interface SnapshotPublisherOptions {
  store: ResourceStore;
  registry: ProxyRegistry;
  log: ServiceLogger;
  /** Coalescing window for bursts of changes. */
  debounceMs?: number;
}

interface Built {
  snapshot: ProxyConfigSnapshot;
  /** The `config` message, serialized and UTF-8 encoded once, sent to every proxy. */
  message: Buffer;
}

export class SnapshotPublisher {
  readonly #store: ResourceStore;
  readonly #registry: ProxyRegistry;
  readonly #log: ServiceLogger;
  readonly #debounceMs: number;
  readonly #unsubscribe: Array<() => void>;
  #epoch = 0;
  #seq = EPOCH_SIZE;
  #current: Built | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #pushes = 0;

  constructor(options: SnapshotPublisherOptions) {
    this.#store = options.store;
    this.#registry = options.registry;
    this.#log = options.log;
    this.#debounceMs = options.debounceMs ?? 2;
    this.#unsubscribe = [
      this.#store.subscribe(() => this.schedule()),
      this.#registry.onEndpointsChange(() => this.schedule()),
    ];
  }

  /** The snapshot proxies hold when in sync (built on first use). */
  current(): ProxyConfigSnapshot {
    return this.#built().snapshot;
  }

  /** Config snapshots sent to proxies since start, one per proxy per snapshot (`shadowmesh_config_pushes_total`). */
  get pushes(): number {
    return this.#pushes;
  }

  /** True while a change waits to be pushed. */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** Pushes a new snapshot after the debounce window; calls within the window coalesce. */
  schedule(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // A snapshot version needs a store write once per epoch: a data directory that cannot take it
      // (full, read-only) must not take the process down from a timer. The next change tries again.
      try {
        this.publish();
      } catch (error) {
        this.#log.error({ err: error }, 'building the config snapshot failed; proxies keep their config');
      }
    }, this.#debounceMs);
  }

  /** Builds a new snapshot now and sends it to every connected proxy. */
  publish(): ProxyConfigSnapshot {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    this.#current = this.#build();
    for (const entry of this.#registry.connected()) this.#send(entry, this.#current);
    return this.#current.snapshot;
  }

  /** Sends the current snapshot to one proxy, unless a push that will reach it is already pending. */
  welcome(entry: ProxyEntry): void {
    if (this.#timer) return;
    this.#send(entry, this.#built());
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const off of this.#unsubscribe) off();
  }

  #built(): Built {
    this.#current ??= this.#build();
    return this.#current;
  }

  #build(): Built {
    const snapshot: ProxyConfigSnapshot = {
      version: this.#nextVersion(),
      resources: this.#store.list(),
      endpoints: this.#registry.endpoints(),
    };
    const message: ControlPlaneToProxy = { type: 'config', snapshot };
    return { snapshot, message: Buffer.from(JSON.stringify(message)) };
  }

  #send(entry: ProxyEntry, built: Built): void {
    const connection = entry.connection;
    if (!connection) return;
    try {
      connection.send(built.message);
      this.#pushes++;
      this.#registry.recordSent(entry, built.snapshot.version);
    } catch (error) {
      this.#log.warn({ err: error, proxy: entry.identity.id }, 'sending config to proxy failed');
    }
  }

  #nextVersion(): string {
    if (this.#seq >= EPOCH_SIZE) {
      this.#epoch = this.#store.nextCounter('snapshot_epoch');
      this.#seq = 0;
    }
    this.#seq++;
    return String(this.#epoch * EPOCH_SIZE + this.#seq);
  }
}
