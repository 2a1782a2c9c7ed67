// Reads a client's request body once and hands every chunk to the primary upstream request and to any
// mirror copies. Only the primary may slow the client down (backpressure); a mirror never pauses it.
// Chunks are kept (up to a limit) while a retry might need to replay them.
import type { IncomingMessage } from 'node:http';

/** A consumer of the body that must never apply backpressure (a mirror copy). */
export interface BodySink {
  write(chunk: Buffer): void;
  /** The body is complete. */
  end(): void;
  /** The client went away before its body was complete. */
  abort(): void;
}

/** The current primary upstream attempt, which may slow the client down. */
export interface BodyTarget {
  readonly destroyed: boolean;
  /** False: stop until the function given to `whenDrained` is called. */
  write(chunk: Buffer): boolean;
  end(): void;
  destroy(): void;
  whenDrained(fn: () => void): void;
}

export type TapState = 'reading' | 'ended' | 'aborted';

export class BodyTap {
  received = 0;
  state: TapState = 'reading';
  /** Called once when the client goes away before its body is complete. */
  onAbort: (() => void) | null = null;
  private kept: Buffer[] | null;
  private keptBytes = 0;
  private primary: BodyTarget | null = null;
  private waitingOn: BodyTarget | null = null;
  private readonly onDrained = () => {
    const waited = this.waitingOn;
    this.waitingOn = null;
    if (waited !== null && this.primary === waited && this.state === 'reading') this.req.resume();
  };
  private sinks: BodySink[] | null = null;
  private started = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly replayLimit: number,
  ) {
    this.kept = replayLimit > 0 ? [] : null;
  }

  /** Adds a consumer; must be called before `start`. */
  addSink(sink: BodySink): void {
    if (this.sinks === null) this.sinks = [];
    this.sinks.push(sink);
  }

  /** True while a new primary attempt can still get the whole body. */
  canReplay(): boolean {
    return this.kept !== null || this.received === 0;
  }

  /** No attempt will follow the current one: stop keeping the body for a replay. */
  dropReplay(): void {
    this.kept = null;
  }

  /** Makes `primary` the current upstream attempt: replays what was kept and continues from there. */
  attach(primary: BodyTarget): void {
    this.primary = primary;
    if (this.kept !== null) for (const chunk of this.kept) primary.write(chunk);
    if (this.state === 'ended') primary.end();
    else if (this.started) this.req.resume();
    else this.start();
  }

  /** The current attempt failed: hold the client's body until the next `attach`. */
  detach(): void {
    this.primary = null;
    if (this.state === 'reading') this.req.pause();
  }

  private start(): void {
    this.started = true;
    const req = this.req;
    if (hasNoBody(req)) {
      // Nothing to read (most GETs): end at once, with no stream listeners and no flowing mode; node:http
      // dumps the empty request itself when the response finishes.
      this.onEnd();
      return;
    }
    req.on('data', (chunk: Buffer) => this.onData(chunk));
    req.on('end', () => this.onEnd());
    req.on('error', () => this.onClose());
    req.on('close', () => this.onClose());
  }

  private onData(chunk: Buffer): void {
    this.received += chunk.length;
    const sinks = this.sinks;
    if (sinks !== null) for (const sink of sinks) sink.write(chunk);
    if (this.kept !== null) {
      this.keptBytes += chunk.length;
      if (this.keptBytes > this.replayLimit) this.kept = null;
      else this.kept.push(chunk);
    }
    const primary = this.primary;
    if (primary === null) {
      this.req.pause();
      return;
    }
    if (primary.destroyed) return;
    if (!primary.write(chunk)) {
      this.req.pause();
      this.waitingOn = primary;
      primary.whenDrained(this.onDrained);
    }
  }

  private onEnd(): void {
    if (this.state !== 'reading') return;
    this.state = 'ended';
    const sinks = this.sinks;
    if (sinks !== null) for (const sink of sinks) sink.end();
    const primary = this.primary;
    if (primary !== null && !primary.destroyed) primary.end();
  }

  private onClose(): void {
    if (this.state !== 'reading' || this.req.complete) return;
    this.state = 'aborted';
    this.kept = null;
    const sinks = this.sinks;
    if (sinks !== null) for (const sink of sinks) sink.abort();
    this.primary?.destroy();
    this.onAbort?.();
  }
}

/**
 * The request's framing says its body is empty: neither chunked nor a non-zero content-length (RFC 9112
 * §6.3: a request without either has no body). The listeners refused every other framing already.
 */
function hasNoBody(req: IncomingMessage): boolean {
  const headers = req.headers;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length === undefined || length === '0';
}
