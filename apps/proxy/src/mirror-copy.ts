// One mirror copy in flight, on a pooled keep-alive connection: the serialized head and the body chunks as
// the tap hands them over (through an UpstreamRequestWriter; never waited for, bounded by a backlog cap),
// the answer read only for its status and framing and discarded, settled exactly once.
import type { Endpoint, EndpointOutcome, MirrorDecision } from '@shadowmesh/routing';
import type { MirrorOutcome, TelemetryRecorder } from '@shadowmesh/telemetry';
import type { BodySink } from './body-tap.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { AdmissionSlot } from './cluster-admission.js';
import type { ConnectionOwner, PooledConnection, PoolTarget } from './connection-pool.js';
import type { Deadline, DeadlineWheel } from './deadline-wheel.js';
import type { EdgeCache } from './edge-cache.js';
import type { CaptureSink, CopyObserver, ExchangePlan } from './exchange-types.js';
import { ResponseReader } from './response-reader.js';
import { FAILURE_FLAG, readFailure, socketFailure } from './upstream-errors.js';
import { UpstreamRequestWriter } from './upstream-request-writer.js';

/** What a copy uses of its sender's parts (MirrorSenderDeps has them all). */
export interface MirrorCopyDeps {
  wheel: DeadlineWheel;
  telemetry: TelemetryRecorder;
  /** Mirror-hop telemetry edges of this proxy (`request_type="mirror"`). */
  edges: EdgeCache;
  /** Bytes a copy may hold queued (not yet taken by its socket) before it is abandoned (`dropped-at-cap`). */
  options: { readonly backlogBytes: number };
  /** Flow capture (null: flows are not captured, e.g. standalone). */
  flows: CaptureSink | null;
}

/** One mirror target's copies in flight and its breaker (kept by the MirrorSender). */
export interface MirrorTargetState {
  inFlight: number;
  readonly breaker: CircuitBreaker;
}

export class MirrorCopy implements BodySink, ConnectionOwner {
  private conn: PooledConnection | null;
  private readonly deadline: Deadline;
  private readonly parser: ResponseReader;
  /** Set when the request's flow is captured: the answer goes to it (else it is read and dropped). */
  private readonly capture: CopyObserver | null;
  private readonly startMs = performance.now();
  /** The head, until the first byte of an answer (kept to resend once on a fresh connection). */
  private head: string | null;
  /** Writes the request on the current connection (a new one after a resend). */
  private writer: UpstreamRequestWriter;
  private bytes = 0;
  private answered = false;
  private retried = false;
  private ended = false;
  private settled = false;

  constructor(
    private readonly deps: MirrorCopyDeps,
    private readonly state: MirrorTargetState,
    private readonly decision: MirrorDecision,
    private readonly endpoint: Endpoint,
    private readonly target: PoolTarget,
    head: string,
    private readonly chunked: boolean,
    headRequest: boolean,
    private readonly plan: ExchangePlan,
    /** Its slot in the cluster's circuit breakers, freed when the copy settles. */
    private readonly slot: AdmissionSlot,
  ) {
    this.head = head;
    const flow = plan.flow;
    this.capture = flow === null ? null : flow.copyStarted(decision, endpoint);
    this.parser = new ResponseReader(headRequest, this.capture);
    const conn = target.acquire(this, Date.now());
    this.conn = conn;
    this.writer = new UpstreamRequestWriter(conn.socket, head, chunked);
    state.inFlight++;
    decision.cluster.onRequestStart(endpoint);
    this.deadline = deps.wheel.after(decision.settings.timeoutMs, () => {
      this.settle('timed-out', 0, 'UT', 'timeout');
    });
  }

  write(chunk: Buffer): void {
    if (this.settled) return;
    this.bytes += chunk.length;
    if (this.bytes > this.decision.settings.maxBodyBytes) {
      this.settle('too-large', 0, 'UO', null);
      return;
    }
    this.writer.write(chunk);
    if ((this.conn as PooledConnection).socket.writableLength > this.deps.options.backlogBytes)
      this.settle('dropped-at-cap', 0, 'UO', null);
  }

  end(): void {
    this.ended = true;
    if (!this.settled) this.writer.end();
  }

  abort(): void {
    this.settle('aborted', 0, 'DC', null);
  }

  onDrain(): void {
    // Never waited for: a copy's backlog is bounded by `backlogBytes` instead.
  }

  onData(chunk: Buffer): void {
    if (this.settled) return;
    if (!this.answered) {
      // Bytes came back, malformed or not: the target is reachable.
      this.answered = true;
      this.head = null;
      this.state.breaker.onSuccess();
    }
    let complete: boolean;
    try {
      complete = this.parser.feed(chunk);
    } catch (err) {
      // A malformed answer (UPE) is a failed delivery, as a reset is; its flag tells the two apart.
      this.settle('mirrored-error', this.parser.status, FAILURE_FLAG[readFailure(err)], 'reset');
      return;
    }
    // An answer before the body was sent in full ends the copy (and its connection) at once.
    if (complete) this.answeredInFull();
  }

  onError(err: Error): void {
    if (this.settled) return;
    const conn = this.conn as PooledConnection;
    if (socketFailure(conn.connected, err) === 'connect-failure') {
      this.state.breaker.onConnectFailure(Date.now());
      this.settle('mirrored-error', 0, 'UF', 'connect-failure');
      return;
    }
    this.onClose();
  }

  onClose(): void {
    if (this.settled) return;
    if (this.parser.untilClose) {
      // The body ran until the server closed: that is how this answer ends.
      this.conn = null;
      this.answeredInFull();
      return;
    }
    if (this.mayRetry()) {
      this.retried = true;
      this.conn?.destroy();
      const conn = this.target.open(this);
      this.conn = conn;
      this.writer = new UpstreamRequestWriter(conn.socket, this.head as string, this.chunked);
      if (this.ended) this.writer.end();
      return;
    }
    this.settle('mirrored-error', this.parser.status, 'UC', 'reset');
  }

  /**
   * A pooled connection the server closed just as this copy reused it: send again, once, on a new one.
   * Only when nothing of the body has gone out and nothing has come back.
   */
  private mayRetry(): boolean {
    const conn = this.conn;
    return (
      !this.retried &&
      conn !== null &&
      conn.uses > 0 &&
      !this.answered &&
      this.bytes === 0 &&
      this.head !== null
    );
  }

  private answeredInFull(): void {
    const status = this.parser.status;
    const conn = this.conn;
    if (this.ended && conn !== null && this.parser.reusable) {
      this.conn = null;
      this.target.release(conn, Date.now(), this.parser.keepAliveMs);
    }
    const outcome: EndpointOutcome = status >= 500 ? 'http-5xx' : 'success';
    this.settle(status >= 500 ? 'mirrored-error' : 'mirrored-ok', status, '-', outcome);
  }

  /** Ends the copy once: counts the outcome, frees its slot, reports the mirror hop, ends an unfinished exchange. */
  private settle(
    outcome: MirrorOutcome,
    status: number,
    flags: string,
    endpointOutcome: EndpointOutcome | null,
  ): void {
    if (this.settled) return;
    this.settled = true;
    this.deadline.cancel();
    this.slot.release();
    this.state.inFlight--;
    this.head = null;
    // Nothing learnt about the connection (no answer, not refused): free a half-open probe slot.
    if (status === 0 && flags !== 'UF') this.state.breaker.onInconclusive();
    const conn = this.conn;
    this.conn = null;
    conn?.destroy();
    const { cluster } = this.decision;
    const deps = this.deps;
    cluster.onRequestEnd(this.endpoint, endpointOutcome ?? 'reset', Date.now());
    deps.telemetry.countMirror(cluster.name, outcome);
    const edge = deps.edges.get(cluster.host, this.endpoint, status, flags);
    const durationMs = performance.now() - this.startMs;
    const responseBytes = this.parser.bodyBytes;
    deps.telemetry.record(edge.key, { durationMs, requestBytes: this.bytes, responseBytes }, edge.id);
    if (this.capture === null && (outcome === 'mirrored-ok' || deps.flows === null)) return;
    try {
      const end = { outcome, status, flags, durationMs, requestBytes: this.bytes, responseBytes };
      if (this.capture !== null) this.capture.copyEnded(end);
      else deps.flows?.copyEnded(this.plan, this.decision, this.endpoint, end);
    } catch {
      // Never out of a socket callback: a record that could not be built is counted as dropped.
      deps.flows?.recordLost();
    }
  }
}
