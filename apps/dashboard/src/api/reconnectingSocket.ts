// One WebSocket that comes back: opens, hands messages over, and after a close (or a failed open)
// tries again with jittered exponential backoff until stopped. The graph stream and the flows tap
// are built on it; they own their protocol, this owns the socket's life.
import { reconnectDelay } from '../graph/stream/reconnectDelay';

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

export interface ReconnectingSocketOptions {
  url: string;
  createSocket: (url: string) => WebSocketLike;
  /** For reconnect jitter (default Math.random). */
  random?: () => number;
  /** An attempt starts (`attempt` 0 is the first since start or since the last successful open). */
  onConnecting(attempt: number): void;
  onOpen(): void;
  onMessage(data: unknown): void;
  /** The next attempt is due at `retryAt` (ms since the epoch). */
  onRetry(retryAt: number): void;
  /** The socket could not even be created (a retry follows). */
  onError(message: string): void;
}

export class ReconnectingSocket {
  private socket: WebSocketLike | null = null;
  private attempts = 0;
  private stopped = true;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: ReconnectingSocketOptions) {}

  get isOpen(): boolean {
    return this.socket?.readyState === OPEN;
  }

  /** Waiting out the backoff before the next attempt. */
  get waiting(): boolean {
    return this.timer !== null;
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
  }

  /** Sends when open; false when not (the owner sends again from `onOpen`). */
  send(text: string): boolean {
    if (!this.isOpen) return false;
    this.socket?.send(text);
    return true;
  }

  /** Tries again at once instead of waiting out the backoff. */
  retryNow(): void {
    if (this.stopped || this.timer === null) return;
    this.clearTimer();
    this.open();
  }

  /** A fresh connection now (the old one is dropped without waiting for its close). */
  reopen(): void {
    if (this.stopped) return;
    this.drop();
    this.open();
  }

  /** Drops a connection that went silent and retries after the backoff. */
  dropAndRetry(): void {
    this.drop();
    this.scheduleRetry();
  }

  private open(): void {
    this.options.onConnecting(this.attempts);
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(this.options.url);
    } catch (error) {
      this.options.onError(error instanceof Error ? error.message : String(error));
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      this.options.onOpen();
    };
    socket.onmessage = (event) => this.options.onMessage(event.data);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleRetry();
    };
    socket.onerror = () => {
      // A close event follows; retrying happens there.
    };
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

  private scheduleRetry(): void {
    if (this.stopped) return;
    const delay = reconnectDelay(this.attempts, this.options.random);
    this.attempts += 1;
    this.options.onRetry(Date.now() + delay);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
