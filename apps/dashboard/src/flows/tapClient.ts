// One connection to `/api/v1/tap`: sends the subscription (again on every reconnect, and when the
// filter changes), hands flows, dropped counts and refusals to its owner, and reconnects with
// backoff. Knows nothing of React (useTapStream wires it to the page).
import type { FlowExchangeSummary, TapSubscribe } from '@shadowmesh/api';
import { ReconnectingSocket, type WebSocketLike } from '../api/reconnectingSocket';
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

export class TapClient {
  private readonly socket: ReconnectingSocket;
  private subscription: TapSubscribe | null = null;
  private current: TapStatus = 'closed';

  constructor(private readonly options: TapClientOptions) {
    this.socket = new ReconnectingSocket({
      url: options.url,
      createSocket: options.createSocket,
      ...(options.random ? { random: options.random } : {}),
      onConnecting: (attempt) => {
        if (attempt === 0) this.setStatus('connecting', null);
      },
      onOpen: () => {
        this.send();
        this.setStatus('live', null);
      },
      onMessage: (data) => this.receive(data),
      onRetry: (retryAt) => this.setStatus('reconnecting', retryAt),
      onError: (message) => this.options.onProtocolError?.(`tap: ${message}`),
    });
  }

  get status(): TapStatus {
    return this.current;
  }

  start(): void {
    this.socket.start();
  }

  stop(): void {
    this.socket.stop();
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
    if (this.current === 'reconnecting') this.socket.retryNow();
  }

  private setStatus(status: TapStatus, retryAt: number | null): void {
    if (status === this.current && retryAt === null) return;
    this.current = status;
    this.options.onStatus(status, retryAt);
  }

  private send(): void {
    if (this.subscription) this.socket.send(JSON.stringify(this.subscription));
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
}
