// One connection to `/api/v1/stream`: sends the current subscription, hands snapshots, deltas and
// invalidations to its owner, notices when updates stop, and reconnects with backoff. It knows
// nothing of React or react-query (LiveStreamProvider wires it to the query cache).
import type { GraphResponse, GraphStreamSubscribe } from '@shadowmesh/api';
import { ReconnectingSocket, type WebSocketLike } from '../../api/reconnectingSocket';
import type { GraphDelta } from './applyDelta';
import { type InvalidateKey, parseStreamMessage } from './streamMessage';

/**
 * `connecting`: no socket yet (or waiting for the first snapshot of a view); `live`: updates arrive;
 * `stalled`: the socket is open but the view's updates stopped; `reconnecting`: waiting to retry;
 * `closed`: stopped by its owner.
 */
export type LiveStatus = 'connecting' | 'live' | 'stalled' | 'reconnecting' | 'closed';

export type { WebSocketLike } from '../../api/reconnectingSocket';

export interface GraphStreamHandlers {
  onSnapshot(graph: GraphResponse, subscription: GraphStreamSubscribe): void;
  onDelta(delta: GraphDelta, subscription: GraphStreamSubscribe): void;
  onInvalidate(keys: InvalidateKey[]): void;
  onStatus(status: LiveStatus): void;
  /** A message that could not be read (reported, then skipped). */
  onProtocolError?(error: string): void;
}

export interface GraphStreamOptions extends GraphStreamHandlers {
  url: string;
  createSocket: (url: string) => WebSocketLike;
  /** Silence on a subscribed view before it counts as stalled (default 3.5 s: deltas come every second). */
  stallMs?: number;
  /** Silence before the socket is dropped and reopened (default 10 s). */
  deadMs?: number;
  /** For reconnect jitter (default Math.random). */
  random?: () => number;
}

function sameSubscription(a: GraphStreamSubscribe | null, b: GraphStreamSubscribe | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A snapshot is for `sub` when its type and window agree, and its namespaces when some were asked for. */
function snapshotFits(graph: GraphResponse, sub: GraphStreamSubscribe): boolean {
  if (graph.graphType !== sub.graphType || graph.durationSeconds !== sub.durationSeconds) return false;
  if (sub.namespaces.length === 0) return true;
  return JSON.stringify([...graph.namespaces].sort()) === JSON.stringify([...sub.namespaces].sort());
}

export class GraphStreamClient {
  private readonly socket: ReconnectingSocket;
  private subscription: GraphStreamSubscribe | null = null;
  private awaitingSnapshot = false;
  private lastSeq = 0;
  private lastMessageAt = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private current: LiveStatus = 'closed';

  constructor(private readonly options: GraphStreamOptions) {
    this.socket = new ReconnectingSocket({
      url: options.url,
      createSocket: options.createSocket,
      ...(options.random ? { random: options.random } : {}),
      onConnecting: (attempt) => this.setStatus(attempt === 0 ? 'connecting' : 'reconnecting'),
      onOpen: () => {
        this.lastMessageAt = Date.now();
        if (this.subscription) this.sendSubscription();
        else this.setStatus('live');
      },
      onMessage: (data) => this.receive(data),
      onRetry: () => this.setStatus('reconnecting'),
      onError: (message) => this.options.onProtocolError?.(`stream: ${message}`),
    });
  }

  get status(): LiveStatus {
    return this.current;
  }

  start(): void {
    if (this.watchdog === null) this.watchdog = setInterval(() => this.checkSilence(), 500);
    this.socket.start();
  }

  stop(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.socket.stop();
    this.setStatus('closed');
  }

  /** Chooses the view to follow (null: none; the connection still carries invalidations). */
  subscribe(subscription: GraphStreamSubscribe | null): void {
    if (sameSubscription(subscription, this.subscription)) return;
    const hadOne = this.subscription !== null;
    this.subscription = subscription;
    if (!this.socket.isOpen) return;
    if (subscription) {
      this.sendSubscription();
    } else if (hadOne) {
      // The protocol has no unsubscribe: a fresh connection without a subscription stops the deltas.
      this.socket.reopen();
    }
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.options.onStatus(status);
  }

  private sendSubscription(): void {
    if (!this.subscription) return;
    if (this.socket.send(JSON.stringify(this.subscription))) this.awaitingSnapshot = true;
  }
  private receive(data: unknown): void {
    this.lastMessageAt = Date.now();
    const parsed = parseStreamMessage(data);
    if (!parsed.ok) {
      this.options.onProtocolError?.(parsed.error);
      return;
    }
    const message = parsed.message;
    const sub = this.subscription;
    if (message.type === 'invalidate') {
      this.options.onInvalidate(message.keys);
      if (!sub) this.setStatus('live');
      return;
    }
    if (!sub) return;
    if (message.type === 'snapshot') {
      if (!snapshotFits(message.graph, sub)) return;
      this.awaitingSnapshot = false;
      this.lastSeq = message.seq;
      this.options.onSnapshot(message.graph, sub);
      this.setStatus('live');
      return;
    }
    if (this.awaitingSnapshot) return;
    if (message.seq !== this.lastSeq + 1) {
      // A delta was missed: ask for a fresh snapshot rather than drift.
      this.sendSubscription();
      return;
    }
    this.lastSeq = message.seq;
    this.options.onDelta(message, sub);
    this.setStatus('live');
  }

  private checkSilence(): void {
    if (!this.subscription || !this.socket.isOpen) return;
    const silent = Date.now() - this.lastMessageAt;
    if (silent > (this.options.deadMs ?? 10_000)) {
      this.socket.dropAndRetry();
    } else if (silent > (this.options.stallMs ?? 3_500) && this.current === 'live') {
      this.setStatus('stalled');
    }
  }
}
