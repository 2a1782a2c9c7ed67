// Fire-and-forget mirror copies. A copy streams the client's body as it arrives, is never waited for,
// never slows the primary, and ends as exactly one counted outcome. Per target: an in-flight cap, a
// body cap, a queued-bytes bound, its own timeout, and a breaker after repeated connect failures.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { MirrorDecision, RandomSource } from '@shadowmesh/routing';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import type { MirrorOutcome } from '@shadowmesh/telemetry';
import { baselineCopy } from './baseline-copy.js';
import type { BodyTap } from './body-tap.js';
import type { BreakerOptions } from './circuit-breaker.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { ClusterAdmission } from './cluster-admission.js';
import type { ConnectionPool } from './connection-pool.js';
import type { ExchangePlan, PeerHeader } from './exchange-types.js';
import { PEER_HEADER } from './forwarded-headers.js';
import type { MirrorCopyDeps, MirrorTargetState } from './mirror-copy.js';
import { MirrorCopy } from './mirror-copy.js';
import { bodyFraming, headerLine, sharedRequestHead } from './request-head.js';

export interface MirrorOptions {
  breaker: BreakerOptions;
  /** Bytes a copy may hold queued (not yet taken by its socket) before it is abandoned (`dropped-at-cap`). */
  backlogBytes: number;
}

export const DEFAULT_MIRROR_OPTIONS: MirrorOptions = {
  breaker: { threshold: 5, openMs: 5_000, maxOpenMs: 60_000 },
  backlogBytes: 1024 * 1024,
};

/** The primary request a copy is made of (headers after the route's header operations). */
export interface MirrorSource {
  method: string;
  path: string;
  headers: OutgoingHttpHeaders;
  /** From content-length, or null for a chunked or absent body. */
  contentLength: number | null;
  /** The client sent its body chunked (the copy is chunk-framed too). */
  chunked: boolean;
  /** The framing line, from the client's request (`bodyFraming`), never from `headers`. */
  framing: string;
  tap: BodyTap;
  /** The sender identity header value for a request to `service` (null: send none). */
  peer: PeerHeader;
  /** The primary's plan: request id, route and, when captured, its flow. */
  plan: ExchangePlan;
}

const SHADOW_LINE = `${SHADOW_HEADER}: 1\r\n`;

/** The parts a sender admits copies with, and those its copies use (`MirrorCopyDeps`). */
export interface MirrorSenderDeps extends MirrorCopyDeps {
  pool: ConnectionPool;
  /** Per-cluster circuit breakers, shared with the primaries. */
  admission: ClusterAdmission;
  random: RandomSource;
  options: MirrorOptions;
}

export class MirrorSender {
  private readonly targets = new Map<string, MirrorTargetState>();

  constructor(readonly deps: MirrorSenderDeps) {}

  /** Starts one copy, or counts why it was not started. Never throws, never blocks the caller. */
  send(decision: MirrorDecision, source: MirrorSource): void {
    const name = decision.cluster.name;
    const state = this.state(name);
    const refusal = this.refusal(state, decision, source);
    const endpoint = refusal === null ? decision.cluster.pick(this.deps.random) : null;
    if (endpoint === null) {
      // A half-open breaker let this copy through as its probe: give the slot back.
      if (refusal !== 'breaker-open') state.breaker.onInconclusive();
      this.count(name, refusal ?? 'mirrored-error');
      return;
    }
    // The cluster's circuit breakers (`connectionPool`): a copy takes a slot now or is dropped, never queued.
    const slot = this.deps.admission.take(name, decision.cluster.limits);
    if (slot === null) {
      state.breaker.onInconclusive();
      this.count(name, 'dropped-at-cap');
      return;
    }
    let copy: MirrorCopy;
    try {
      // The primary's request line and header lines (serialized once for the exchange), then the copy's
      // own Host, marker and sender identity, and the client's framing (`bodyFraming`): never taken from
      // the primary's headers.
      const shared = sharedRequestHead(source.plan);
      let head = `${shared.line}${shared.fields}${headerLine('host', decision.authority)}${SHADOW_LINE}`;
      if (source.peer !== null) head += headerLine(PEER_HEADER, source.peer(decision.cluster.host));
      head += `${source.framing}\r\n`;
      const target = this.deps.pool.target(endpoint.address, decision.cluster.limits);
      copy = new MirrorCopy(
        this.deps,
        state,
        decision,
        endpoint,
        target,
        head,
        source.chunked,
        source.method === 'HEAD',
        source.plan,
        slot,
      );
    } catch {
      // An invalid header value (made so by the route's operations): the copy is not sent, the primary goes on.
      slot.release();
      state.breaker.onInconclusive();
      this.count(name, 'mirrored-error');
      return;
    }
    source.tap.addSink(copy);
  }

  /**
   * Starts the copies of one primary: its route's mirrors, a baseline copy when drawn, and counts the
   * mirrors this request's draw skipped. `headers`: the plan's, after the route's header operations.
   */
  sendCopies(plan: ExchangePlan, req: IncomingMessage, tap: BodyTap, chunked: boolean): void {
    if (plan.mirrors.length > 0) {
      const source: MirrorSource = {
        method: plan.method,
        path: plan.path,
        headers: plan.headers,
        contentLength: parseContentLength(req.headers['content-length']),
        chunked,
        framing: bodyFraming(plan.method, req.headers),
        tap,
        peer: plan.peer,
        plan,
      };
      for (const mirror of plan.mirrors) this.send(mirror, source);
      const baseline = baselineCopy(plan, this.deps.random);
      if (baseline !== null) this.send(baseline, source);
    }
    if (plan.sampledOut > 0) this.countSampledOut(plan.sampledOutTarget, plan.sampledOut);
  }

  countSampledOut(target: string, n: number): void {
    for (let i = 0; i < n; i++) this.count(target, 'sampled-out');
  }

  count(target: string, outcome: MirrorOutcome): void {
    this.deps.telemetry.countMirror(target, outcome);
  }

  /** Copies in flight per target cluster. */
  inFlight(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, state] of this.targets) out[name] = state.inFlight;
    return out;
  }

  breakerStates(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, state] of this.targets) out[name] = state.breaker.state;
    return out;
  }

  private refusal(
    state: MirrorTargetState,
    decision: MirrorDecision,
    source: MirrorSource,
  ): MirrorOutcome | null {
    if (!state.breaker.allow(Date.now())) return 'breaker-open';
    if (source.contentLength !== null && source.contentLength > decision.settings.maxBodyBytes)
      return 'too-large';
    if (state.inFlight >= decision.settings.maxInFlight) return 'dropped-at-cap';
    return null;
  }

  private state(name: string): MirrorTargetState {
    let state = this.targets.get(name);
    if (state === undefined) {
      state = { inFlight: 0, breaker: new CircuitBreaker(this.deps.options.breaker) };
      this.targets.set(name, state);
    }
    return state;
  }
}

function parseContentLength(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
