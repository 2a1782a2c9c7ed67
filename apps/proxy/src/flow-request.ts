// One captured request (sampled, or a tap candidate): its request body (one capture shared by the primary
// and its copies: they carry the same bytes), the primary's answer, and a CopyCapture per mirror copy.
// The primary and its copies report to it as its ExchangeObserver; each record is built and handed to the
// FlowEmitter (the FlowCapture) as soon as its part ends; nothing waits.
import type { FlowRecord } from '@shadowmesh/api';
import type { Endpoint, MirrorDecision } from '@shadowmesh/routing';
import { BodyCapture } from './body-capture.js';
import type {
  CopyEnd,
  CopyObserver,
  ExchangeObserver,
  ExchangePlan,
  ExchangeResult,
} from './exchange-types.js';
import { copyRecord, primaryRecord, type RecordIds } from './flow-record.js';
import { redactedValues } from './header-redaction.js';

/** Where a captured request's records go (the FlowCapture): ids, and which records are kept. */
export interface FlowEmitter extends RecordIds {
  /** A part of `request` ended as `record` (its answer's body in `responseBody`). */
  emit(record: FlowRecord, request: FlowRequest, responseBody: BodyCapture): void;
}

export class FlowRequest implements ExchangeObserver {
  readonly startTime = Date.now();
  /** Mirror copies started for this request. */
  copies = 0;
  readonly requestBody: BodyCapture;
  readonly responseBody: BodyCapture;
  /** The tap sessions that admitted a part of this request (its other parts ride along), once one did. */
  tap: string[] | null = null;
  /** The primary's record was judged (copies ending later need not wait for it). */
  primaryJudged = false;
  /** Copies that ended before the primary, waiting for its tap verdict (at most the copies started). */
  readonly heldCopies: { record: FlowRecord; responseBody: BodyCapture }[] = [];
  /** The primary's upstream response head (flat name, value list), when one arrived. */
  responseHeaders: string[] | null = null;
  private masked: Set<string> | null = null;

  constructor(
    readonly capture: FlowEmitter,
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

  primaryHead(headers: string[]): void {
    this.responseHeaders = headers;
  }

  primaryBody(chunk: Buffer): void {
    this.responseBody.write(chunk);
  }

  /** A mirror copy is starting: its answer is captured through the returned sink. */
  copyStarted(decision: MirrorDecision, endpoint: Endpoint): CopyCapture {
    this.copies++;
    return new CopyCapture(this, decision, endpoint);
  }

  /** The primary ended (exactly once). */
  primaryEnded(result: ExchangeResult): void {
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
export class CopyCapture implements CopyObserver {
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
  copyEnded(end: CopyEnd): void {
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
