// Every `/api/v1/stream` client: one shared tick a second computes each distinct view's graph once and
// sends each client its delta; store changes and proxy status changes become `invalidate` messages.
import type { GraphStreamSubscribe } from '@shadowmesh/api';
import type { RawData, WebSocket } from 'ws';
import type { ProxyRegistry } from '../../push/proxy-registry.js';
import type { ServiceLogger } from '../../service-logger.js';
import type { ResourceStore } from '../../store/resource-store.js';
import { heldStateOf, serializeGraph } from '../graph/graph-diff.js';
import type { MeshContextSource } from '../mesh-context.js';
import type { TelemetryService } from '../telemetry-service.js';
import { checkSubscribe } from './graph-query.js';
import type { InvalidateKey, ViewState } from './stream-client.js';
import { StreamClient } from './stream-client.js';

export interface StreamHubOptions {
  telemetry: TelemetryService;
  mesh: MeshContextSource;
  store: ResourceStore;
  registry: ProxyRegistry;
  log: ServiceLogger;
  /** Default 1000. */
  tickMs?: number;
  /** Bytes a client may still have queued and be sent more (default 0: wait until drained). */
  maxBufferedBytes?: number;
  /** Ping interval; a client silent for a whole interval is dropped (default 30 000). */
  pingMs?: number;
}

/** RFC 6455 1008: policy violation (a bad subscribe message). */
const POLICY_VIOLATION = 1008;
const CONFIG_KEYS: readonly InvalidateKey[] = ['resources', 'analyze', 'history'];
const PROXY_KEYS: readonly InvalidateKey[] = ['proxy-status', 'analyze'];

export class StreamHub {
  readonly clients = new Set<StreamClient>();
  /** Ticks skipped for clients whose socket had not drained (their next delta coalesces). */
  skippedTicks = 0;
  private readonly options: StreamHubOptions;
  private readonly timers: NodeJS.Timeout[];
  private readonly unsubscribe: Array<() => void>;
  private views = new Map<string, ViewState>();
  private proxyFingerprint = '';
  private configFlush: NodeJS.Timeout | null = null;

  constructor(options: StreamHubOptions) {
    this.options = options;
    this.timers = [
      setInterval(() => this.tick(), options.tickMs ?? 1000),
      setInterval(() => this.ping(), options.pingMs ?? 30_000),
    ];
    for (const t of this.timers) t.unref();
    this.unsubscribe = [
      options.store.subscribe(() => this.configChanged()),
      options.registry.onEndpointsChange(() => this.broadcast(PROXY_KEYS)),
    ];
  }

  /** Serves one WebSocket until it closes. Nothing thrown here escapes the socket callbacks. */
  attach(socket: WebSocket): void {
    const client = new StreamClient(socket, this.options.maxBufferedBytes ?? 0);
    // Proxy status changes are detected against the state when the client arrived.
    if (this.clients.size === 0) this.proxyFingerprint = this.fingerprint();
    this.clients.add(client);
    socket.on('message', (data: RawData, isBinary: boolean) => {
      try {
        this.onMessage(client, socket, data, isBinary);
      } catch (error) {
        this.options.log.error({ err: error }, 'stream message handling failed');
        socket.close(POLICY_VIOLATION, 'internal error');
      }
    });
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('error', (error) => this.options.log.debug({ err: error }, 'stream socket error'));
    socket.on('close', () => this.clients.delete(client));
  }

  /** One beat: each subscribed client gets a delta (or its snapshot), unless its socket is backed up. */
  tick(): void {
    this.views = new Map();
    if (this.clients.size === 0) return;
    try {
      this.checkProxies();
      for (const client of this.clients) {
        // A backed-up client is skipped before its view is computed.
        const view = client.subscription && client.drained ? this.view(client.subscription) : null;
        const result = client.update(view);
        if (result === 'skipped') this.skippedTicks++;
      }
    } catch (error) {
      this.options.log.error({ err: error }, 'stream tick failed');
    }
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.configFlush) clearTimeout(this.configFlush);
    for (const off of this.unsubscribe) off();
  }

  private onMessage(client: StreamClient, socket: WebSocket, data: RawData, isBinary: boolean): void {
    const text = isBinary ? null : String(data);
    let parsed: unknown;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    // Each subscribe may compute a graph: a client that keeps changing its view is refused.
    if (!client.allowSubscribe(Date.now())) {
      socket.close(POLICY_VIOLATION, 'more than 5 subscribe messages a second');
      return;
    }
    const checked = checkSubscribe(parsed);
    if (!checked.ok) {
      socket.close(POLICY_VIOLATION, `${checked.field}: ${checked.message}`.slice(0, 120));
      return;
    }
    client.subscribe(checked.value);
    client.update(this.view(checked.value));
  }

  /** The view's graph for this tick, computed once for every client that shares it. */
  private view(subscription: GraphStreamSubscribe): ViewState {
    const key = `${subscription.graphType}|${subscription.durationSeconds}|${subscription.namespaces.join(',')}`;
    let view = this.views.get(key);
    if (view === undefined) {
      const graph = this.options.telemetry.graph(subscription, this.options.mesh.current());
      const serialized = serializeGraph(graph);
      view = { serialized, held: heldStateOf(serialized) };
      this.views.set(key, view);
    }
    return view;
  }

  private configChanged(): void {
    // A burst of writes (an apply, a rollback) becomes one invalidate.
    this.configFlush ??= setTimeout(() => {
      this.configFlush = null;
      this.broadcast(CONFIG_KEYS);
    }, 25);
  }

  /** Proxy status also changes on ACK/NACK and client-only proxies, which fire no endpoint event. */
  private checkProxies(): void {
    const fingerprint = this.fingerprint();
    if (fingerprint === this.proxyFingerprint) return;
    this.proxyFingerprint = fingerprint;
    this.broadcast(PROXY_KEYS);
  }

  private fingerprint(): string {
    return (
      this.options.registry
        .statuses()
        // Versions too: a push that every proxy ACKs keeps them SYNCED, yet the version column moved.
        .map((s) => `${s.proxy.id}:${s.connected}:${s.status}:${s.sentVersion}:${s.ackedVersion}`)
        .join('|')
    );
  }

  private broadcast(keys: readonly InvalidateKey[]): void {
    for (const client of this.clients) client.invalidate(keys);
  }

  private ping(): void {
    for (const client of this.clients) {
      const socket = client.socket as WebSocket;
      if (!client.alive) {
        socket.terminate();
        continue;
      }
      client.alive = false;
      socket.ping();
    }
  }
}
