// One captured request (sampled, or a tap candidate): its request body (one capture shared by the primary
// and its copies: they carry the same bytes), the primary's answer, and a CopyCapture per mirror copy.
// Each record is built and handed to the FlowCapture as soon as its part ends; nothing waits.
import type { FlowRecord } from '@shadowmesh/api';
import type { Endpoint, MirrorDecision } from '@shadowmesh/routing';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import type { MirrorOutcome } from '@shadowmesh/telemetry';
import { BodyCapture } from './body-capture.js';
import type { ExchangePlan, ExchangeResult } from './exchange-plan.js';
import type { FlowCapture } from './flow-capture.js';
import { flowDestination, makeRecord } from './flow-record.js';
import { PEER_HEADER } from './forwarded-headers.js';
import { flowRequestHeaders, flowResponseHeaders, redactedValues } from './header-redaction.js';
import type { ResponseSink } from './response-reader.js';

/** Set per upstream request, not part of what the client sent. */
export const NOT_RECORDED: ReadonlySet<string> = new Set([PEER_HEADER, 'transfer-encoding']);

export class FlowRequest {
  readonly startTime = Date.now();
  /** Mirror copies started for this request. */
  copies = 0;
  readonly requestBody: BodyCapture;
  readonly responseBody: BodyCapture;
  /** The tap sessions that admitted a part of this request (its other parts ride along), once one did. */
  tap: string[] | null = null;
  /** The primary's record was judged (copies ending later need not wait for it). */
  primaryEnded = false;
  /** Copies that ended before the primary, waiting for its tap verdict (at most the copies started). */
  readonly heldCopies: { record: FlowRecord; responseBody: BodyCapture }[] = [];
  /** The primary's upstream response head (flat name, value list), when one arrived. */
  responseHeaders: string[] | null = null;
  private masked: Set<string> | null = null;

  constructor(
    readonly capture: FlowCapture,
    /** `sampled`: every part is kept; `tap`: each part is kept if a tap session takes it (or it failed). */
    readonly sampled: boolean,
    readonly plan: ExchangePlan,
    readonly redact: ReadonlySet<string>,
    readonly bodyLimit: number,
  ) {
    this.requestBody = new BodyCapture(bodyLimit);
    this.responseBody = new BodyCapture(bodyLimit);
  }

  /** Values of the redacted request headers, masked wherever a captured body echoes them. */
  mask(): ReadonlySet<string> {
    if (this.masked === null) {
      this.masked = new Set();
      redactedValues(this.plan.headers, this.redact, this.masked);
    }
    return this.masked;
  }

  /** A mirror copy is starting: its answer is captured through the returned sink. */
  startCopy(decision: MirrorDecision, endpoint: Endpoint): CopyCapture {
    this.copies++;
    return new CopyCapture(this, decision, endpoint);
  }

  /** The primary ended (exactly once). */
  finishPrimary(result: ExchangeResult): void {
    this.responseBody.end();
    const record = primaryRecord(
      this.capture,
      this.plan,
      result,
      this.startTime,
      this.redact,
      this.responseHeaders,
    );
    record.copies = Math.min(this.copies, 64);
    this.capture.emit(record, this, this.responseBody);
  }
}

/** The answer of one captured mirror copy (a ResponseReader sink), and its record when the copy settles. */
export class CopyCapture implements ResponseSink {
  private raw: string[] | null = null;
  readonly body: BodyCapture;
  private readonly startTime = Date.now();

  constructor(
    private readonly request: FlowRequest,
    private readonly decision: MirrorDecision,
    private readonly endpoint: Endpoint,
  ) {
    this.body = new BodyCapture(request.bodyLimit);
  }

  onHead(_status: number, _reason: string, headers: string[]): void {
    this.raw = headers;
  }

  onBody(chunk: Buffer): void {
    this.body.write(chunk);
  }

  /** The copy settled (exactly once). */
  finish(end: CopyEnd): void {
    this.body.end();
    const { request } = this;
    const record = copyRecord(
      request.capture,
      request.plan,
      this.decision,
      this.endpoint,
      this.startTime,
      end,
      {
        redact: request.redact,
        responseHeaders: this.raw,
      },
    );
    request.capture.emit(record, request, this.body);
  }
}

/** How a copy ended. */
export interface CopyEnd {
  outcome: MirrorOutcome;
  status: number;
  flags: string;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

/** The record of a primary that ended with `result` (the caller adds bodies and the reason). */
export function primaryRecord(
  capture: FlowCapture,
  plan: ExchangePlan,
  result: ExchangeResult,
  startTime: number,
  redact: ReadonlySet<string>,
  responseHeaders: readonly string[] | null,
): FlowRecord {
  return makeRecord({
    id: capture.nextId(),
    requestId: plan.requestId,
    type: 'primary',
    startTime,
    durationMs: result.durationMs,
    source: capture.source,
    destination: flowDestination(plan.cluster, result.endpoint, plan.authority, plan.address),
    route: plan.flowRoute,
    method: plan.method,
    authority: plan.authority,
    path: plan.path,
    status: result.status,
    flags: result.flags,
    requestHeaders: flowRequestHeaders(plan.headers, redact, NOT_RECORDED),
    responseHeaders: flowResponseHeaders(responseHeaders, redact),
    requestBytes: result.requestBytes,
    responseBytes: result.responseBytes,
  });
}

/** The record of a mirror or baseline copy of `plan` that ended as `end` (as its target saw it). */
export function copyRecord(
  capture: FlowCapture,
  plan: ExchangePlan,
  decision: MirrorDecision,
  endpoint: Endpoint,
  startTime: number,
  end: CopyEnd,
  headers: { redact: ReadonlySet<string>; responseHeaders: readonly string[] | null },
): FlowRecord {
  const record = makeRecord({
    id: capture.nextId(),
    requestId: plan.requestId,
    type: decision.baseline ? 'baseline' : 'mirror',
    startTime,
    durationMs: end.durationMs,
    source: capture.source,
    destination: flowDestination(decision.cluster, endpoint, decision.authority, null),
    route: plan.flowRoute,
    method: plan.method,
    authority: decision.authority,
    path: plan.path,
    status: end.status,
    flags: end.flags,
    requestHeaders: flowRequestHeaders(plan.headers, headers.redact, NOT_RECORDED, {
      host: decision.authority,
      [SHADOW_HEADER]: '1',
    }),
    responseHeaders: flowResponseHeaders(headers.responseHeaders, headers.redact),
    requestBytes: end.requestBytes,
    responseBytes: end.responseBytes,
  });
  record.outcome = end.outcome;
  return record;
}
