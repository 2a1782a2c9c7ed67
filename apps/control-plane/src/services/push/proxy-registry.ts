// Every proxy that has said hello: its identity, connection, what was sent and what it answered.
// Disconnected proxies stay listed (connected: false) for a while, as istioctl shows them.
//
// Instances. Each proxy process is one entry, keyed by its id (`<workload>.<namespace>-<random>`): two
// live proxies claiming the same workload are two instances (as Istio lists each pod), each with its own
// endpoint, never merged. A hello from a new id at the same address (kind, namespace, workload and
// listener address) as an older entry is that instance restarted: the older entry is dropped (its
// connection, if the control plane has not noticed it die yet, is closed), so it is never listed twice.
//
// Restarts of the control plane. The endpoints of connected sidecars are kept in `memory` (the store):
// after a restart they are published again, as the proxies still route to them, until each proxy
// reconnects (its entry is taken over) or `restoreGraceMs` passes. Without this the first proxy to
// reconnect would get a snapshot without the endpoints of those not yet back, and fail their traffic.
import type { ProxyIdentity, ProxyStatus, ProxySyncStatus, WorkloadEndpoint } from '@shadowmesh/api';
import {
  type EndpointMemory,
  hasEndpoint,
  instanceAddress,
  type ProxyConnection,
  type ProxyEntry,
  type RegistryCounters,
  type RegistryOptions,
} from './proxy-entry.js';

export type {
  EndpointMemory,
  ProxyConnection,
  ProxyEntry,
  RegistryCounters,
  RegistryOptions,
} from './proxy-entry.js';

/** How long a disconnected proxy stays in proxy-status. */
const FORGET_AFTER_MS = 10 * 60_000;
/** Three times a proxy's longest reconnect back-off (10 s). */
const RESTORE_GRACE_MS = 30_000;
const FORGET_DELAY_MS = 1_000;

export class ProxyRegistry {
  readonly #entries = new Map<string, ProxyEntry>();
  readonly #endpointListeners = new Set<() => void>();
  readonly #welcomeListeners = new Set<(entry: ProxyEntry) => void>();
  readonly counters: RegistryCounters = { malformedMessages: 0, refusedConnections: 0 };
  readonly #now: () => number;
  #memory: EndpointMemory | null;
  #restoreTimer: NodeJS.Timeout | null = null;
  readonly #forgetting = new Map<string, NodeJS.Timeout>();
  readonly #forgetDelayMs: number;
  #endpointsVersion = 0;

  constructor(options: RegistryOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#memory = options.memory ?? null;
    this.#forgetDelayMs = options.forgetDelayMs ?? FORGET_DELAY_MS;
    this.#restore(options.restoreGraceMs ?? RESTORE_GRACE_MS);
  }

  /**
   * Registers a proxy; a connection already open under the same id is replaced and closed, and an
   * older entry of the same instance (restarted at the same address) is dropped.
   */
  register(identity: ProxyIdentity, connection: ProxyConnection): ProxyEntry {
    const previous = this.#entries.get(identity.id);
    this.#cancelForget(identity.id);
    if (previous?.connection && previous.connection !== connection) {
      previous.connection.close(4001, 'replaced by a new connection with the same proxy id');
    }
    // A restored entry taken over by the identical identity: its endpoint is already published and kept.
    const takenOver =
      previous !== undefined &&
      this.#isRestored(previous) &&
      JSON.stringify(previous.identity) === JSON.stringify(identity);
    let changed = !takenOver && (hasEndpoint(identity) || hasEndpoint(previous?.identity));
    for (const older of this.#sameInstance(identity)) {
      older.connection?.close(4001, `replaced by ${identity.id}, restarted at the same address`);
      this.#entries.delete(older.identity.id);
      if (hasEndpoint(older.identity)) {
        this.#cancelForget(older.identity.id);
        this.#memory?.forget(older.identity.id);
        changed = true;
      }
    }
    const entry: ProxyEntry = {
      identity,
      connection,
      sentVersion: null,
      ackedVersion: null,
      lastResponse: null,
      nackError: null,
      lastSeen: this.#now(),
      disconnectedAt: null,
      alive: true,
      restoredUntil: null,
    };
    this.#entries.set(identity.id, entry);
    if (hasEndpoint(identity)) {
      if (!takenOver) this.#memory?.save(identity);
    } else if (hasEndpoint(previous?.identity)) {
      this.#memory?.forget(identity.id);
    }
    if (changed) this.#endpointsChanged();
    return entry;
  }

  /**
   * Marks a proxy disconnected, if `connection` is still its current one. Its endpoint leaves the
   * memory shortly after (`forgetDelayMs`), unless the registry is closed first (a shutdown).
   */
  disconnect(entry: ProxyEntry, connection: ProxyConnection): void {
    if (entry.connection !== connection || this.#entries.get(entry.identity.id) !== entry) return;
    entry.connection = null;
    entry.disconnectedAt = this.#now();
    if (hasEndpoint(entry.identity)) {
      this.#forgetSoon(entry.identity.id);
      this.#endpointsChanged();
    }
  }

  recordSent(entry: ProxyEntry, version: string): void {
    entry.sentVersion = version;
  }

  recordAck(entry: ProxyEntry, version: string): void {
    entry.ackedVersion = version;
    entry.lastResponse = 'ack';
    entry.nackError = null;
    this.touch(entry);
  }

  recordNack(entry: ProxyEntry, version: string, error: string): void {
    entry.lastResponse = 'nack';
    entry.nackError = `${error} (version ${version})`;
    this.touch(entry);
  }

  touch(entry: ProxyEntry): void {
    entry.lastSeen = this.#now();
    entry.alive = true;
  }

  /** One beat of the shared heartbeat: drops proxies silent since the last beat, pings the rest. */
  heartbeat(): void {
    for (const e of this.connected()) {
      if (!e.alive) {
        e.connection!.terminate();
        continue;
      }
      e.alive = false;
      e.connection!.ping();
    }
  }

  /** Proxies with an open connection. */
  connected(): ProxyEntry[] {
    return [...this.#entries.values()].filter((e) => e.connection !== null);
  }

  /**
   * Endpoints of connected sidecars that receive mesh traffic (and of those restored after a restart,
   * not back yet), sorted for stable snapshots.
   */
  endpoints(): WorkloadEndpoint[] {
    return [...this.#entries.values()]
      .filter((e) => (e.connection !== null || this.#isRestored(e)) && hasEndpoint(e.identity))
      .map((e) => ({
        proxyId: e.identity.id,
        workload: e.identity.workload,
        namespace: e.identity.namespace,
        labels: e.identity.labels,
        address: e.identity.inbound!,
      }))
      .sort((a, b) => a.proxyId.localeCompare(b.proxyId));
  }

  statuses(): ProxyStatus[] {
    this.#forgetOld();
    return [...this.#entries.values()]
      .map((e) => {
        const status: ProxyStatus = {
          proxy: e.identity,
          connected: e.connection !== null,
          sentVersion: e.sentVersion,
          ackedVersion: e.ackedVersion,
          status: syncStatus(e),
          lastSeen: new Date(e.lastSeen).toISOString(),
        };
        if (status.status === 'NACKED' && e.nackError) status.nackError = e.nackError;
        return status;
      })
      .sort((a, b) => a.proxy.id.localeCompare(b.proxy.id));
  }

  /** Called once a proxy has been welcomed and sent its config (e.g. to send it the tap sessions). */
  onWelcome(listener: (entry: ProxyEntry) => void): () => void {
    this.#welcomeListeners.add(listener);
    return () => this.#welcomeListeners.delete(listener);
  }

  /** The session has welcomed `entry` and sent its config: tells the welcome listeners. */
  welcomed(entry: ProxyEntry): void {
    for (const listener of this.#welcomeListeners) listener(entry);
  }

  onEndpointsChange(listener: () => void): () => void {
    this.#endpointListeners.add(listener);
    return () => this.#endpointListeners.delete(listener);
  }

  /** Shutdown: stops writing to the memory (so every endpoint is kept for the next start), closes all. */
  close(code: number, reason: string): void {
    this.#memory = null;
    if (this.#restoreTimer) clearTimeout(this.#restoreTimer);
    this.#restoreTimer = null;
    for (const timer of this.#forgetting.values()) clearTimeout(timer);
    this.#forgetting.clear();
    for (const e of this.connected()) e.connection!.close(code, reason);
  }

  /** Bumped whenever the endpoint set may have changed. */
  get endpointsVersion(): number {
    return this.#endpointsVersion;
  }

  #endpointsChanged(): void {
    this.#endpointsVersion++;
    for (const listener of this.#endpointListeners) listener();
  }

  #restore(graceMs: number): void {
    const restored = this.#memory?.restore() ?? [];
    if (restored.length === 0) return;
    const now = this.#now();
    for (const identity of restored) {
      this.#entries.set(identity.id, {
        identity,
        connection: null,
        sentVersion: null,
        ackedVersion: null,
        lastResponse: null,
        nackError: null,
        lastSeen: now,
        disconnectedAt: now,
        alive: false,
        restoredUntil: now + graceMs,
      });
    }
    this.#restoreTimer = setTimeout(() => this.#expireRestored(), graceMs);
    this.#restoreTimer.unref();
  }

  /** The grace is over: endpoints restored and not taken over by a reconnecting proxy are dropped. */
  #expireRestored(): void {
    this.#restoreTimer = null;
    let changed = false;
    for (const e of this.#entries.values()) {
      if (e.restoredUntil === null) continue;
      e.restoredUntil = null;
      this.#memory?.forget(e.identity.id);
      changed = true;
    }
    if (changed) this.#endpointsChanged();
  }

  #forgetSoon(proxyId: string): void {
    if (this.#memory === null) return;
    this.#cancelForget(proxyId);
    const timer = setTimeout(() => {
      this.#forgetting.delete(proxyId);
      this.#memory?.forget(proxyId);
    }, this.#forgetDelayMs);
    timer.unref();
    this.#forgetting.set(proxyId, timer);
  }

  #cancelForget(proxyId: string): void {
    const timer = this.#forgetting.get(proxyId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#forgetting.delete(proxyId);
  }

  #isRestored(e: ProxyEntry): boolean {
    return e.connection === null && e.restoredUntil !== null && e.restoredUntil > this.#now();
  }

  /** Other entries of the instance `identity` names (same kind, namespace, workload and address). */
  #sameInstance(identity: ProxyIdentity): ProxyEntry[] {
    const address = instanceAddress(identity);
    if (address === null) return [];
    return [...this.#entries.values()].filter(
      (e) =>
        e.identity.id !== identity.id &&
        e.identity.kind === identity.kind &&
        e.identity.namespace === identity.namespace &&
        e.identity.workload === identity.workload &&
        instanceAddress(e.identity) === address,
    );
  }

  #forgetOld(): void {
    const cutoff = this.#now() - FORGET_AFTER_MS;
    for (const [id, e] of this.#entries) {
      if (e.disconnectedAt !== null && e.disconnectedAt < cutoff) this.#entries.delete(id);
    }
  }
}

/** SYNCED: acked what was sent; STALE: sent newer than acked; NOT SENT: nothing sent; NACKED: refused the last. */
export function syncStatus(
  e: Pick<ProxyEntry, 'sentVersion' | 'ackedVersion' | 'lastResponse'>,
): ProxySyncStatus {
  if (e.sentVersion === null) return 'NOT SENT';
  if (e.lastResponse === 'nack') return 'NACKED';
  return e.ackedVersion === e.sentVersion ? 'SYNCED' : 'STALE';
}
