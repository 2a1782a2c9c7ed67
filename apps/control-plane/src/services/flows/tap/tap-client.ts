// One `/api/v1/tap` client: its subscription, its rate limit (flows per second; the excess is counted
// and told once a second as `dropped`) and backpressure (nothing is sent while the socket holds more
// than `maxBufferedBytes` unsent; that is counted as dropped too), so no queue grows without bound.
import type { FlowExchangeSummary, FlowFilter, TapSessionSpec, TapStreamMessage } from '@shadowmesh/api';

/** The part of a WebSocket the client uses. */
export interface TapSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string): void;
  ping(): void;
  terminate(): void;
}

export interface TapSubscription {
  filter: FlowFilter;
  ratePerSecond: number;
}

const OPEN = 1;
/** Request ids remembered as sent (updates of them skip the rate limit); the oldest are forgotten. */
const MAX_REMEMBERED = 10_000;
/** Subscribe messages allowed per second. */
const MAX_SUBSCRIBES_PER_SECOND = 5;

export class TapClient {
  subscription: TapSubscription | null = null;
  /** Flows not sent since the last tick (rate limit or backpressure). */
  droppedSinceTick = 0;
  droppedTotal = 0;
  sentTotal = 0;
  /** Answered the last ping. */
  alive = true;
  #sentThisSecond = 0;
  #subscribeTimes: number[] = [];
  readonly #sent = new Set<string>();

  constructor(
    readonly sessionId: string,
    readonly socket: TapSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  /** The proxy tap session of this client, while subscribed. */
  session(): TapSessionSpec | null {
    if (this.subscription === null) return null;
    return {
      id: this.sessionId,
      filter: this.subscription.filter,
      ratePerSecond: this.subscription.ratePerSecond,
    };
  }

  /** True unless this is one subscribe too many within a second. */
  allowSubscribe(nowMs: number): boolean {
    this.#subscribeTimes = this.#subscribeTimes.filter((t) => nowMs - t < 1000);
    this.#subscribeTimes.push(nowMs);
    return this.#subscribeTimes.length <= MAX_SUBSCRIBES_PER_SECOND;
  }

  subscribe(subscription: TapSubscription): void {
    this.subscription = subscription;
    this.#sent.clear();
  }

  /**
   * Offers an exchange that matches the subscription. A new one counts against the rate; an update of
   * one already sent does not (a primary has at most 64 copies). Returns whether it was sent.
   */
  offer(id: string, summary: () => FlowExchangeSummary): boolean {
    if (this.subscription === null || this.socket.readyState !== OPEN) return false;
    const update = this.#sent.has(id);
    if (!update && this.#sentThisSecond >= this.subscription.ratePerSecond) return this.#drop();
    if (this.socket.bufferedAmount > this.maxBufferedBytes) return this.#drop();
    if (!update) {
      this.#sentThisSecond++;
      this.#sent.add(id);
      if (this.#sent.size > MAX_REMEMBERED) this.#sent.delete(this.#sent.values().next().value as string);
    }
    this.sentTotal++;
    this.send({ type: 'flow', flow: summary() });
    return true;
  }

  /** One second passed: tells the client what it missed, and opens the next second's allowance. */
  tick(): void {
    this.#sentThisSecond = 0;
    if (this.droppedSinceTick === 0 || this.socket.readyState !== OPEN) return;
    this.send({ type: 'dropped', count: this.droppedSinceTick });
    this.droppedSinceTick = 0;
  }

  send(message: TapStreamMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  #drop(): false {
    this.droppedSinceTick++;
    this.droppedTotal++;
    return false;
  }
}
