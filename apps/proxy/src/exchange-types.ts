// The types every step of the exchange pipeline shares (see routed-handler.ts for the steps): what one
// exchange is to do, how it and its copies end, and the narrow interface through which the primary and
// its copies report to capture. Types only: this module is the bottom of the pipeline.
import type { OutgoingHttpHeaders } from 'node:http';
import type {
  Cluster,
  Endpoint,
  FaultDecision,
  HeaderOps,
  MirrorDecision,
  RetryPolicy,
  ShadowSettings,
} from '@shadowmesh/routing';
import type { MirrorOutcome } from '@shadowmesh/telemetry';
import type { BodySink } from './body-tap.js';
import type { ResponseSink } from './response-reader.js';

/** The sender identity header value for an upstream request to `service` (null: send none). */
export type PeerHeader = ((service: string) => string) | null;

/** What one primary exchange is to do (from the RouteDecision, or fixed for passthrough and inbound). */
export interface ExchangePlan {
  /** Where to send: a cluster (endpoint picked per attempt) or a fixed `host:port`. */
  cluster: Cluster | null;
  address: string | null;
  method: string;
  path: string;
  /** Request headers already stripped of hop-by-hop fields, with x-request-id and x-forwarded-for. */
  headers: OutgoingHttpHeaders;
  requestId: string;
  authority: string;
  requestOps: HeaderOps | null;
  responseOps: HeaderOps | null;
  timeoutMs: number | null;
  retry: RetryPolicy | null;
  fault: FaultDecision | null;
  mirrors: readonly MirrorDecision[];
  /** Mirrors configured on the route that this request's draw skipped, counted under `sampledOutTarget`. */
  sampledOut: number;
  sampledOutTarget: string;
  /** The sender identity header value for an upstream request to a service (null: send none). */
  peer: PeerHeader;
  /** Settings of the routed host (null: inbound listener). */
  settings: ShadowSettings | null;
  /** FlowRecord.route: the VirtualService (and route name) that matched; null for default routes. */
  flowRoute: string | null;
  /** Set when this request's flow is captured (sampled or a tap candidate). */
  flow: ExchangeObserver | null;
  /** The upstream request's shared parts, serialized once for its attempts and copies (request-head.ts). */
  sharedHead: SharedRequestHead | null;
}

/**
 * What every upstream request of one exchange (primary attempts, mirror and baseline copies) has in common:
 * the request line and the header lines except those each sets itself (Host, the copy marker, the sender
 * identity, the framing). Each ends in CRLF.
 */
export interface SharedRequestHead {
  line: string;
  fields: string;
}

/** How a primary exchange ended. */
export interface ExchangeResult {
  status: number;
  flags: string;
  endpoint: Endpoint | null;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
}

/** How a mirror or baseline copy ended. */
export interface CopyEnd {
  outcome: MirrorOutcome;
  status: number;
  flags: string;
  durationMs: number;
  requestBytes: number;
  responseBytes: number;
}

/**
 * Capture as the sending code sees it (one per proxy): decides once per routed request whether it is
 * captured, and hears of the ends of the requests it did not capture (failures are kept all the same).
 */
export interface CaptureSink {
  /** Once per routed request, before it is sent: its observer when captured, else null. */
  begin(plan: ExchangePlan, settings: ShadowSettings): ExchangeObserver | null;
  /** A primary that was not captured ended. `responseHeaders`: its upstream response head, if any. */
  primaryEnded(plan: ExchangePlan, result: ExchangeResult, responseHeaders: string[] | null): void;
  /** A copy of a request that was not captured settled. */
  copyEnded(plan: ExchangePlan, decision: MirrorDecision, endpoint: Endpoint, end: CopyEnd): void;
  /** A request answered by the proxy itself before any exchange (no config, no route). */
  localReply(plan: ExchangePlan, status: number, flags: string): void;
  /** A record that could not be built: counted as dropped. */
  recordLost(): void;
}

/** One captured request, as its primary and its copies report to it. */
export interface ExchangeObserver {
  /** Every part is kept (else each part only if a tap session takes it, or it failed). */
  readonly sampled: boolean;
  /** Takes the client's request body (a sink on the request's BodyTap; shared by primary and copies). */
  readonly requestBody: BodySink;
  /** The primary's upstream response head arrived (flat name, value list). */
  primaryHead(headers: string[]): void;
  /** A chunk of the primary's response body, as forwarded to the client. */
  primaryBody(chunk: Buffer): void;
  /** The primary ended (exactly once). */
  primaryEnded(result: ExchangeResult): void;
  /** A mirror or baseline copy is starting: its answer is reported to the returned observer. */
  copyStarted(decision: MirrorDecision, endpoint: Endpoint): CopyObserver;
}

/** One captured copy: its answer (a ResponseReader sink) and how it ended. */
export interface CopyObserver extends ResponseSink {
  /** The copy settled (exactly once). */
  copyEnded(end: CopyEnd): void;
}
