// Every proxy that has said hello: its identity, connection, what was sent and what it answered.
// Disconnected proxies stay listed (connected: false) for a while, as istioctl shows them.
import type { ProxyIdentity, ProxyStatus, ProxySyncStatus, WorkloadEndpoint } from '@shadowmesh/api';

/** The part of a WebSocket the registry uses. */
export interface ProxyConnection {
  /** Sends one text message (a Buffer holds UTF-8 text encoded once for many proxies). */
  send(text: string | Buffer): void;
  close(code: number, reason: string): void;
  /** Sends a WebSocket ping; the session calls `ProxyRegistry.touch` on the pong. */
  ping(): void;
  /** Drops the connection without a closing handshake (dead peer). */
  terminate(): void;
}

export interface ProxyEntry {
  identity: ProxyIdentity;
  connection: ProxyConnection | null;
  sentVersion: string | null;
  ackedVersion: string | null;
  lastResponse: 'ack' | 'nack' | null;
  nackError: string | null;
  lastSeen: number;
  disconnectedAt: number | null;
  /** Cleared by each heartbeat, set by any message or pong; still clear at the next beat ⇒ dead. */
  alive: boolean;
}

export interface RegistryCounters {
  /** Messages refused because they were not valid protocol messages. */
  malformedMessages: number;
  /** Connections closed because of a protocol mismatch or a missing hello. */
  refusedConnections: number;
}

/** How long a disconnected proxy stays in proxy-status. */
const FORGET_AFTER_MS = 10 * 60_000;

export class ProxyRegistry {
  readonly #entries = new Map<string, ProxyEntry>();
  readonly #endpointListeners = new Set<() => void>();
  readonly #welcomeListeners = new Set<(entry: ProxyEntry) => void>();
  readonly counters: RegistryCounters = { malformedMessages: 0, refusedConnections: 0 };
  readonly #now: () => number;
  #endpointsVersion = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Registers a proxy; a connection already open under the same id is replaced and closed. */
  register(identity: ProxyIdentity, connection: ProxyConnection): ProxyEntry {
    const previous = this.#entries.get(identity.id);
    if (previous?.connection && previous.connection !== connection) {
      previous.connection.close(4001, 'replaced by a new connection with the same proxy id');
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
    };
    this.#entries.set(identity.id, entry);
    if (identity.inbound || previous?.identity.inbound) this.#endpointsChanged();
    return entry;
  }

  /** Marks a proxy disconnected, if `connection` is still its current one. */
  disconnect(entry: ProxyEntry, connection: ProxyConnection): void {
    if (entry.connection !== connection || this.#entries.get(entry.identity.id) !== entry) return;
    entry.connection = null;
    entry.disconnectedAt = this.#now();
    if (entry.identity.inbound) this.#endpointsChanged();
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

  /** Endpoints of connected sidecars that receive mesh traffic, sorted for stable snapshots. */
  endpoints(): WorkloadEndpoint[] {
    return this.connected()
      .filter((e) => e.identity.kind === 'sidecar' && e.identity.inbound)
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

  /** Closes every connection (shutdown). */
  closeAll(code: number, reason: string): void {
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
