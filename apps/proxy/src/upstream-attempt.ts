// One attempt of a primary request on a pooled upstream connection: the serialized head, the body as the
// body tap writes it (through an UpstreamRequestWriter; with backpressure), and the answer read by a
// ResponseReader and handed to the owner. Reports reach the owner as calls, never as exceptions.
import type { BodyTarget } from './body-tap.js';
import type { ConnectionOwner, PooledConnection, PoolTarget } from './connection-pool.js';
import type { ResponseSink } from './response-reader.js';
import { ResponseReader } from './response-reader.js';
import type { UpstreamFailure } from './upstream-errors.js';
import { readFailure, socketFailure } from './upstream-errors.js';
import { UpstreamRequestWriter } from './upstream-request-writer.js';

export type TransportFailure = UpstreamFailure;

/** What an attempt reports to its exchange (each call names the attempt: stale attempts are ignored). */
export interface AttemptOwner {
  onAttemptHead(attempt: UpstreamAttempt, status: number, reason: string, headers: string[]): void;
  /** Body payload; `last` when the response is complete with it. */
  onAttemptBody(attempt: UpstreamAttempt, chunk: Buffer, last: boolean): void;
  /** The response is complete (after its last body piece, if any). */
  onAttemptEnd(attempt: UpstreamAttempt): void;
  /**
   * No response head arrived: the connection failed or broke, or the answer was malformed. `stale`: a
   * pooled connection that broke before a single byte came back (the server closed it just as it was reused).
   */
  onAttemptFailed(attempt: UpstreamAttempt, failure: TransportFailure, stale: boolean): void;
  /** The response broke off after its head: the connection broke (`reset`) or the rest was malformed. */
  onAttemptBroken(attempt: UpstreamAttempt, failure: 'reset' | 'protocol-error'): void;
}

export class UpstreamAttempt implements ConnectionOwner, ResponseSink, BodyTarget {
  destroyed = false;
  /** The request (head and body) has been written in full. */
  ended = false;
  readonly reused: boolean;
  /** What was malformed in the answer, after a `protocol-error` (for the owner's debug log). */
  protocolError: string | null = null;
  private conn: PooledConnection | null;
  private readonly reader: ResponseReader;
  private readonly writer: UpstreamRequestWriter;
  private drained: (() => void) | null = null;
  private answered = false;

  constructor(
    private readonly target: PoolTarget,
    head: string,
    chunked: boolean,
    headRequest: boolean,
    private readonly owner: AttemptOwner,
  ) {
    this.reader = new ResponseReader(headRequest, this);
    const conn = target.acquire(this, Date.now());
    this.conn = conn;
    this.reused = conn.uses > 0;
    this.writer = new UpstreamRequestWriter(conn.socket, head, chunked);
  }

  /** The content-length the answer's head may be forwarded with (see ResponseReader.contentLength). */
  get contentLength(): number | null {
    return this.reader.contentLength;
  }

  /** Response body bytes received so far. */
  get responseBytes(): number {
    return this.reader.bodyBytes;
  }

  // --- the request (BodyTarget, driven by the body tap) ---

  write(chunk: Buffer): boolean {
    return this.conn === null ? true : this.writer.write(chunk);
  }

  end(): void {
    if (this.conn === null || this.ended) return;
    this.ended = true;
    this.writer.end();
  }

  whenDrained(fn: () => void): void {
    this.drained = fn;
  }

  /** Ends the attempt; its connection is closed unless it was already handed back. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.reader.abandon();
    const conn = this.conn;
    this.conn = null;
    conn?.destroy();
  }

  /** Stops reading the response (the client is not keeping up). */
  pause(): void {
    this.conn?.socket.pause();
  }

  resume(): void {
    this.conn?.socket.resume();
  }

  // --- the response (ResponseSink, fed by the reader) ---

  onHead(status: number, reason: string, headers: string[]): void {
    this.owner.onAttemptHead(this, status, reason, headers);
  }

  onBody(chunk: Buffer): void {
    // The chunk is a view of the connection's shared read buffer: the client's socket may hold on to it.
    this.owner.onAttemptBody(this, Buffer.from(chunk), this.reader.done);
  }

  // --- the connection (ConnectionOwner) ---

  onData(chunk: Buffer): void {
    if (this.destroyed) return;
    this.answered = true;
    let complete: boolean;
    try {
      complete = this.reader.feed(chunk);
    } catch (err) {
      const failure = readFailure(err);
      if (failure === 'protocol-error') this.protocolError = (err as Error).message;
      this.fail(failure);
      return;
    }
    if (complete && !this.destroyed) {
      // Answered before the body was sent in full: the rest of it is not wanted, nor the connection.
      if (this.ended && this.reader.reusable) this.release();
      else this.destroy();
      this.owner.onAttemptEnd(this);
    }
  }

  onError(err: Error): void {
    if (this.destroyed) return;
    const conn = this.conn;
    if (conn !== null && socketFailure(conn.connected, err) === 'connect-failure')
      this.fail('connect-failure');
    else this.onClose();
  }

  onClose(): void {
    if (this.destroyed) return;
    if (this.reader.untilClose) {
      // The body ran until the server closed: that is how this answer ends.
      this.destroy();
      this.owner.onAttemptEnd(this);
      return;
    }
    this.fail('reset');
  }

  onDrain(): void {
    const fn = this.drained;
    this.drained = null;
    fn?.();
  }

  private fail(failure: TransportFailure): void {
    const headRead = this.reader.headRead;
    this.destroy();
    if (headRead) this.owner.onAttemptBroken(this, failure === 'protocol-error' ? failure : 'reset');
    else this.owner.onAttemptFailed(this, failure, this.reused && !this.answered);
  }

  /** Hands a connection whose exchange completed cleanly back to the pool. */
  private release(): void {
    const conn = this.conn as PooledConnection;
    this.conn = null;
    this.destroyed = true;
    this.target.release(conn, Date.now(), this.reader.keepAliveMs);
  }
}
