// One connection to `/api/v1/tap`: sends the subscription (again on every reconnect, and when the
// filter changes), hands flows, dropped counts and refusals to its owner, and reconnects with
// backoff. Knows nothing of React (useTapStream wires it to the page).
import type { FlowExchangeSummary, TapSubscribe } from '@shadowmesh/api';
import type { WebSocketLike } from '../graph/stream/graphStreamClient';
import { reconnectDelay } from '../graph/stream/reconnectDelay';
import { parseTapMessage } from './tapMessage';

/** `connecting`: first try; `live`: subscribed; `reconnecting`: waiting to retry; `closed`: stopped. */
export type TapStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface TapHandlers {
  onFlow(flow: FlowExchangeSummary): void;
  onDropped(count: number): void;
  /** The server refused the subscription (its previous one, if any, stays). */
  onRefused(error: { code: string; message: string; field?: string }): void;
  /** `retryAt`: when the next attempt is due (ms since the epoch), while reconnecting. */
  onStatus(status: TapStatus, retryAt: number | null): void;
  /** A message that could not be read (reported, then skipped). */
  onProtocolError?(error: string): void;
}

export interface TapClientOptions extends TapHandlers {
  url: string;
  createSocket: (url: string) => WebSocketLike;
  /** For reconnect jitter (default Math.random). */
  random?: () => number;
}

const OPEN = 1;

export class TapClient {
  private socket: WebSocketLike | null = null;
  private subscription: TapSubscribe | null = null;
  private attempts = 0;
  private stopped = true;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private current: TapStatus = 'closed';

  constructor(private readonly options: TapClientOptions) {}

  get status(): TapStatus {
    return this.current;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempts = 0;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
    this.drop();
    this.setStatus('closed', null);
  }

  /** Chooses what to tap; sent now when connected, else on connect. */
  subscribe(subscription: TapSubscribe): void {
    if (JSON.stringify(subscription) === JSON.stringify(this.subscription)) return;
    this.subscription = subscription;
    this.send();
  }

  /** Tries again at once instead of waiting out the backoff (the user's "Reconnect"). */
  reconnectNow(): void {
    if (this.stopped || this.current !== 'reconnecting') return;
    this.clearTimer();
    this.open();
  }

  private setStatus(status: TapStatus, retryAt: number | null): void {
    if (status === this.current && retryAt === null) return;
    this.current = status;
    this.options.onStatus(status, retryAt);
  }

  private clearTimer(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  private open(): void {
    if (this.attempts === 0) this.setStatus('connecting', null);
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch (error) {
      this.options.onProtocolError?.(`tap: ${error instanceof Error ? error.message : String(error)}`);
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.send();
      this.setStatus('live', null);
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

  private send(): void {
    if (!this.subscription || this.socket?.readyState !== OPEN) return;
    this.socket.send(JSON.stringify(this.subscription));
  }

  private receive(data: unknown): void {
    const parsed = parseTapMessage(data);
    if (!parsed.ok) {
      this.options.onProtocolError?.(parsed.error);
      return;
    }
    const message = parsed.message;
    if (message.type === 'flow') this.options.onFlow(message.flow);
    else if (message.type === 'dropped') this.options.onDropped(message.count);
    else this.options.onRefused(message);
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
    const delay = reconnectDelay(this.attempts, this.options.random);
    this.attempts += 1;
    this.setStatus('reconnecting', Date.now() + delay);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }
}
