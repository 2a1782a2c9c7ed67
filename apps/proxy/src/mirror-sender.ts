// Fire-and-forget mirror copies. A copy streams the client's body as it arrives, is never waited for,
// never slows the primary, and ends as exactly one counted outcome. Per target: an in-flight cap, a
// body cap, a queued-bytes bound, its own timeout, and a breaker after repeated connect failures.
import type { OutgoingHttpHeaders } from 'node:http';
import type { MirrorDecision, RandomSource } from '@shadowmesh/routing';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import type { MirrorOutcome, TelemetryRecorder } from '@shadowmesh/telemetry';
import type { BodyTap } from './body-tap.js';
import type { BreakerOptions } from './circuit-breaker.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { DeadlineWheel } from './deadline-wheel.js';
import { MirrorCopy } from './mirror-copy.js';
import type { SourceLabels } from './source-labels.js';
import type { UpstreamPool } from './upstream-pool.js';

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
  tap: BodyTap;
  /** Adds the sender identity headers for a copy to `service` (null: none). */
  decorate: ((headers: OutgoingHttpHeaders, service: string) => void) | null;
}

export interface MirrorTargetState {
  inFlight: number;
  readonly breaker: CircuitBreaker;
}

export interface MirrorSenderDeps {
  pool: UpstreamPool;
  wheel: DeadlineWheel;
  telemetry: TelemetryRecorder;
  random: RandomSource;
  source: SourceLabels;
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
    const headers: OutgoingHttpHeaders = {
      ...source.headers,
      host: decision.authority,
      [SHADOW_HEADER]: '1',
    };
    source.decorate?.(headers, decision.cluster.host);
    let copy: MirrorCopy;
    try {
      copy = new MirrorCopy(this, state, decision, endpoint, source.method, source.path, headers);
    } catch {
      // node:http refused the request (a header value made invalid by the route): the primary goes on.
      state.breaker.onInconclusive();
      this.count(name, 'mirrored-error');
      return;
    }
    source.tap.addSink(copy);
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
