// One connection to `/api/v1/stream`: sends the current subscription, hands snapshots, deltas and
// invalidations to its owner, notices when updates stop, and reconnects with backoff. It knows
// nothing of React or react-query (LiveStreamProvider wires it to the query cache).
import type { GraphResponse, GraphStreamSubscribe } from '@shadowmesh/api';
import type { GraphDelta } from './applyDelta';
import { reconnectDelay } from './reconnectDelay';
import { type InvalidateKey, parseStreamMessage } from './streamMessage';

/**
 * `connecting`: no socket yet (or waiting for the first snapshot of a view); `live`: updates arrive;
 * `stalled`: the socket is open but the view's updates stopped; `reconnecting`: waiting to retry;
 * `closed`: stopped by its owner.
 */
export type LiveStatus = 'connecting' | 'live' | 'stalled' | 'reconnecting' | 'closed';

/** What the client needs of a WebSocket (the browser's, or `ws` in tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

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
  private socket: WebSocketLike | null = null;
  private subscription: GraphStreamSubscribe | null = null;
  private awaitingSnapshot = false;
  private lastSeq = 0;
  private lastMessageAt = 0;
  private attempts = 0;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private current: LiveStatus = 'closed';

  constructor(private readonly options: GraphStreamOptions) {}

  get status(): LiveStatus {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempts = 0;
    this.watchdog = setInterval(() => this.checkSilence(), 500);
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.reconnectTimer = null;
    this.watchdog = null;
    this.drop();
    this.setStatus('closed');
  }

  /** Chooses the view to follow (null: none; the connection still carries invalidations). */
  subscribe(subscription: GraphStreamSubscribe | null): void {
    if (sameSubscription(subscription, this.subscription)) return;
    const hadOne = this.subscription !== null;
    this.subscription = subscription;
    if (this.socket?.readyState !== OPEN) return;
    if (subscription) {
      this.sendSubscription();
    } else if (hadOne) {
      // The protocol has no unsubscribe: a fresh connection without a subscription stops the deltas.
      this.drop();
      this.open();
    }
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.options.onStatus(status);
  }

  private open(): void {
    this.setStatus(this.attempts === 0 ? 'connecting' : 'reconnecting');
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch (error) {
      this.options.onProtocolError?.(`stream: ${error instanceof Error ? error.message : String(error)}`);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.lastMessageAt = Date.now();
      if (this.subscription) this.sendSubscription();
      else this.setStatus('live');
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // A close event follows; reconnecting happens there.
    };
  }

  private sendSubscription(): void {
    if (!this.subscription || this.socket?.readyState !== OPEN) return;
    this.awaitingSnapshot = true;
    this.socket.send(JSON.stringify(this.subscription));
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
    if (!this.subscription || this.socket?.readyState !== OPEN) return;
    const silent = Date.now() - this.lastMessageAt;
    if (silent > (this.options.deadMs ?? 10_000)) {
      this.drop();
      this.scheduleReconnect();
    } else if (silent > (this.options.stallMs ?? 3_500) && this.current === 'live') {
      this.setStatus('stalled');
    }
  }

  /** Closes the socket without waiting for its close event (which may never come on a dead link). */
  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = () => {};
    try {
      socket.close();
    } catch {
      // Closing a socket that never opened may throw in some browsers; it is gone either way.
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.setStatus('reconnecting');
    const delay = reconnectDelay(this.attempts, this.options.random);
    this.attempts += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}
