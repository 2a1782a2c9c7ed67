// What one primary exchange is to do (filled from the RouteDecision, or fixed for passthrough and the
// inbound listener) and what it reports when it ends.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type {
  Cluster,
  Endpoint,
  FaultDecision,
  HeaderOps,
  MirrorDecision,
  RetryPolicy,
  ShadowSettings,
} from '@shadowmesh/routing';
import type { FlowRequest } from './flow-request.js';
import type { MirrorSource } from './mirror-sender.js';

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
  peer: MirrorSource['peer'];
  /** Settings of the routed host (null: inbound listener). */
  settings: ShadowSettings | null;
  /** FlowRecord.route: the VirtualService (and route name) that matched; null for default routes. */
  flowRoute: string | null;
  /** Set when this request's flow is captured (sampled or a tap candidate). */
  flow: FlowRequest | null;
}

export interface ExchangeResult {
  status: number;
  flags: string;
  endpoint: Endpoint | null;
  requestBytes: number;
  responseBytes: number;
  durationMs: number;
}

/** A plan that forwards as-is to a fixed address; callers fill in the route's parts. */
export function basePlan(
  req: IncomingMessage,
  headers: OutgoingHttpHeaders,
  requestId: string,
  path: string,
  authority: string,
  peer: ExchangePlan['peer'],
): ExchangePlan {
  return {
    cluster: null,
    address: null,
    method: req.method ?? 'GET',
    path,
    headers,
    requestId,
    authority,
    requestOps: null,
    responseOps: null,
    timeoutMs: null,
    retry: null,
    fault: null,
    mirrors: [],
    sampledOut: 0,
    sampledOutTarget: '',
    peer,
    settings: null,
    flowRoute: null,
    flow: null,
  };
}
