// One `/api/v1/stream` client: its view, the graph state it holds, and coalescing. A message is only
// sent once the socket has drained what was sent before (`bufferedAmount`); until then ticks are
// skipped and the next delta is computed against what the client last got, so a slow client receives
// fewer, larger deltas and the server never queues more than one message for it.
import type { GraphStreamMessage, GraphStreamSubscribe } from '@shadowmesh/api';
import type { HeldState, SerializedGraph } from '../graph/graph-diff.js';
import { diffGraph } from '../graph/graph-diff.js';

export type InvalidateKey = Extract<GraphStreamMessage, { type: 'invalidate' }>['keys'][number];

/** The part of a WebSocket the client uses. */
export interface StreamSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
}

/** A view's graph for one tick, with the state a client holds once it has it. */
export interface ViewState {
  serialized: SerializedGraph;
  held: HeldState;
}

const OPEN = 1;

export class StreamClient {
  subscription: GraphStreamSubscribe | null = null;
  /** Ticks skipped because the socket had not drained. */
  skippedTicks = 0;
  /** Answered the last ping (the hub terminates clients that do not). */
  alive = true;
  private held: HeldState | null = null;
  private subscribeTimes: number[] = [];
  private seq = 0;
  private readonly pendingKeys = new Set<InvalidateKey>();

  constructor(
    readonly socket: StreamSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  /** True when what was sent before has left the process (or fits the allowance). */
  get drained(): boolean {
    return this.socket.readyState === OPEN && this.socket.bufferedAmount <= this.maxBufferedBytes;
  }

  /** True unless this is the sixth subscribe within a second. */
  allowSubscribe(nowMs: number): boolean {
    this.subscribeTimes = this.subscribeTimes.filter((t) => nowMs - t < 1000);
    this.subscribeTimes.push(nowMs);
    return this.subscribeTimes.length <= 5;
  }

  /** A new view: the next update is a snapshot. */
  subscribe(subscription: GraphStreamSubscribe): void {
    this.subscription = subscription;
    this.held = null;
  }

  /** Sends a snapshot (first time) or a delta against what the client holds; skips while not drained. */
  update(view: ViewState | null): 'sent' | 'skipped' | 'idle' {
    if (this.socket.readyState !== OPEN) return 'idle';
    if (!this.drained) {
      this.skippedTicks++;
      return 'skipped';
    }
    this.flushInvalidations();
    if (this.subscription === null || view === null) return 'idle';
    const seq = ++this.seq;
    if (this.held === null) {
      this.send({ type: 'snapshot', seq, graph: view.serialized.graph });
    } else {
      const delta = diffGraph(this.held, view.serialized);
      this.send({ type: 'delta', seq, timestamp: view.serialized.graph.timestamp, ...delta });
    }
    this.held = view.held;
    return 'sent';
  }

  /** Queues query keys to invalidate; sent at once when drained, else merged into the next send. */
  invalidate(keys: readonly InvalidateKey[]): void {
    for (const k of keys) this.pendingKeys.add(k);
    if (this.drained) this.flushInvalidations();
  }

  private flushInvalidations(): void {
    if (this.pendingKeys.size === 0) return;
    const keys = [...this.pendingKeys].sort();
    this.pendingKeys.clear();
    this.send({ type: 'invalidate', keys });
  }

  private send(message: GraphStreamMessage): void {
    this.socket.send(JSON.stringify(message));
  }
}
