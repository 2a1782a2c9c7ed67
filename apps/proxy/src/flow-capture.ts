// Which requests become flow records, and the records of those that are not captured but failed. One per
// proxy (only with a control plane to send to). Per routed request: one draw against the flow sampling
// rate (the primary host's, raised to the highest of the mirror targets'); a tap session that may match
// also captures; everything else costs no allocation unless it fails (errors are always kept, bodiless).
// The sending code knows it only as a CaptureSink (exchange-types.ts); it never calls back into sending.
import type { FlowPeer, FlowRecord } from '@shadowmesh/api';
import type { Endpoint, MirrorDecision, RandomSource, ShadowSettings } from '@shadowmesh/routing';
import type { BodyCapture } from './body-capture.js';
import type { CaptureSink, CopyEnd, ExchangePlan, ExchangeResult } from './exchange-types.js';
import type { FlowBuffer } from './flow-buffer.js';
import { copyRecord, flowDestination, isErrorResult, primaryRecord } from './flow-record.js';
import { type FlowEmitter, FlowRequest } from './flow-request.js';
import { DEFAULT_REDACTION, redactionSet } from './header-redaction.js';
import type { TapProbe, TapSessions } from './tap-sessions.js';

export interface FlowCaptureDeps {
  source: FlowPeer;
  random: RandomSource;
  buffer: FlowBuffer;
  taps: TapSessions;
}

export class FlowCapture implements CaptureSink, FlowEmitter {
  /** Record ids are `<proxyId>/<sequence>`; set once the proxy's identity is known. */
  proxyId = 'proxy';
  readonly source: FlowPeer;
  private seq = 0;

  constructor(private readonly deps: FlowCaptureDeps) {
    this.source = deps.source;
  }

  get buffer(): FlowBuffer {
    return this.deps.buffer;
  }

  get taps(): TapSessions {
    return this.deps.taps;
  }

  nextId(): string {
    return `${this.proxyId}/${++this.seq}`;
  }

  /**
   * Decides, once per routed request, whether it is captured. `settings`: the primary host's (the mesh's
   * for a passthrough request); `plan.mirrors`: the copies it will start.
   */
  begin(plan: ExchangePlan, settings: ShadowSettings): FlowRequest | null {
    const mirrors = plan.mirrors;
    let rate = settings.flowSampling;
    for (const m of mirrors) if (m.settings.flowSampling > rate) rate = m.settings.flowSampling;
    const sampled = rate >= 1 || (rate > 0 && this.deps.random() < rate);
    if (!sampled && !(this.deps.taps.active && this.tapMayMatch(plan))) return null;
    let limit = settings.captureBodyBytes;
    for (const m of mirrors) if (m.settings.captureBodyBytes > limit) limit = m.settings.captureBodyBytes;
    return new FlowRequest(this, sampled, plan, redactionOf(plan), limit);
  }

  /**
   * A part of a captured request ended: keep it (with bodies) if sampled or tapped, without if it failed.
   * A tap's rate limit counts requests, not records: a copy that ends before its primary waits for the
   * primary's verdict, and the copies of a primary a session admits (for one token) come along when they
   * match its filter too, so the control plane never waits for a copy the rate limit turned away.
   */
  emit(record: FlowRecord, request: FlowRequest, responseBody: BodyCapture): void {
    if (request.sampled) {
      this.keep(record, request, responseBody, 'sampled');
      return;
    }
    const along = request.tap === null ? [] : this.deps.taps.alongWith(record, request.tap);
    if (along.length > 0) {
      record.tapSessions = along;
      this.keep(record, request, responseBody, 'tap');
      return;
    }
    if (record.type !== 'primary' && !request.primaryJudged && this.deps.taps.active) {
      request.heldCopies.push({ record, responseBody });
      return;
    }
    this.judge(record, request, responseBody);
    if (record.type === 'primary') {
      request.primaryJudged = true;
      const held = request.heldCopies.splice(0);
      for (const copy of held) this.emit(copy.record, request, copy.responseBody);
    }
  }

  /** Kept when a tap session takes it (the request's other parts then ride along), or when it failed. */
  private judge(record: FlowRecord, request: FlowRequest, responseBody: BodyCapture): void {
    const { taps, buffer } = this.deps;
    const tap = taps.active ? taps.take(record) : null;
    if (tap?.ids) {
      request.tap = tap.ids.slice(0, 64);
      record.tapSessions = request.tap;
      this.keep(record, request, responseBody, 'tap');
    } else if (
      record.type === 'primary'
        ? isErrorResult(record.status, record.flags)
        : record.outcome !== 'mirrored-ok'
    ) {
      buffer.push(record);
    } else if (tap?.overRate) {
      buffer.countDropped(1);
    }
  }

  private keep(
    record: FlowRecord,
    request: FlowRequest,
    responseBody: BodyCapture,
    reason: 'sampled' | 'tap',
  ): void {
    record.reason = reason;
    const mask = request.mask();
    record.requestBody = request.requestBody.result(mask);
    record.responseBody = responseBody.result(mask);
    this.deps.buffer.push(record);
  }

  /** A primary that was not captured ended: kept (reason `error`, no bodies) only when it failed. */
  primaryEnded(plan: ExchangePlan, result: ExchangeResult, responseHeaders: string[] | null): void {
    if (!isErrorResult(result.status, result.flags)) return;
    const startTime = Date.now() - result.durationMs;
    this.deps.buffer.push(primaryRecord(this, plan, result, startTime, redactionOf(plan), responseHeaders));
  }

  /** A copy of a request that was not captured settled: kept (reason `error`, no bodies) unless it went well. */
  copyEnded(plan: ExchangePlan, decision: MirrorDecision, endpoint: Endpoint, end: CopyEnd): void {
    if (end.outcome === 'mirrored-ok') return;
    const startTime = Date.now() - end.durationMs;
    const headers = { redact: redactionOf(plan), responseHeaders: null };
    this.deps.buffer.push(copyRecord(this, plan, decision, endpoint, startTime, end, headers));
  }

  /** A request answered by the proxy itself before any exchange (no config, no route): kept when it failed. */
  localReply(plan: ExchangePlan, status: number, flags: string): void {
    this.primaryEnded(
      plan,
      { status, flags, endpoint: null, requestBytes: 0, responseBytes: 0, durationMs: 0 },
      null,
    );
  }

  /** A record that could not be built (an exception while building it): counted as dropped. */
  recordLost(): void {
    this.deps.buffer.countDropped(1);
  }

  private tapMayMatch(plan: ExchangePlan): boolean {
    const taps = this.deps.taps;
    const primary = flowDestination(plan.cluster, null, plan.authority, null);
    const probe: TapProbe = {
      method: plan.method,
      path: plan.path,
      service: primary.service,
      namespace: primary.namespace,
    };
    if (taps.mayMatch(probe)) return true;
    for (const m of plan.mirrors) {
      const target = flowDestination(m.cluster, null, m.authority, null);
      if (taps.mayMatch({ ...probe, service: target.service, namespace: target.namespace })) return true;
    }
    return false;
  }
}

/** Always-redacted headers plus the ShadowPolicy names of the primary host and of every mirror target. */
function redactionOf(plan: ExchangePlan): ReadonlySet<string> {
  const primary = plan.settings?.redactHeaders ?? [];
  if (plan.mirrors.length === 0) return primary.length === 0 ? DEFAULT_REDACTION : redactionSet([primary]);
  return redactionSet([primary, ...plan.mirrors.map((m) => m.settings.redactHeaders)]);
}
