// The per-request plan (ExchangePlan, exchange-types.ts): filled from the RouteDecision, or fixed for
// passthrough and the inbound listener. Capture and the primary exchange then work from it.
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { ForwardDecision, ShadowSettings } from '@shadowmesh/routing';
import type { ExchangePlan, PeerHeader } from './exchange-types.js';
import { isEmptyOps } from './forwarded-headers.js';
import { splitAuthority } from './host-port.js';

/** A plan that forwards as-is to a fixed address; callers fill in the route's parts. */
export function basePlan(
  req: IncomingMessage,
  headers: OutgoingHttpHeaders,
  requestId: string,
  path: string,
  authority: string,
  peer: PeerHeader,
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
    sharedHead: null,
  };
}

/** A request routed to a cluster: the route's header operations, timeout, retries, fault and mirrors. */
export function forwardPlan(
  req: IncomingMessage,
  headers: OutgoingHttpHeaders,
  requestId: string,
  decision: ForwardDecision,
  peer: PeerHeader,
): ExchangePlan {
  const plan = basePlan(req, headers, requestId, decision.path, decision.authority, peer);
  plan.cluster = decision.cluster;
  plan.requestOps = isEmptyOps(decision.requestHeaders) ? null : decision.requestHeaders;
  plan.responseOps = isEmptyOps(decision.responseHeaders) ? null : decision.responseHeaders;
  plan.timeoutMs = decision.timeoutMs;
  plan.retry = decision.retry;
  plan.fault = decision.fault;
  // The route table never mirrors CONNECT, upgrades, or a request already marked as a copy.
  plan.mirrors = decision.mirrors;
  plan.sampledOut = decision.mirrorsSampledOut;
  plan.sampledOutTarget = decision.routeName ?? decision.cluster.name;
  plan.settings = decision.settings;
  plan.flowRoute = decision.flowRoute;
  return plan;
}

/**
 * A request for a host in no registry (outbound policy ALLOW_ANY): sent to `authority` as given, on the
 * requested `port` when the authority names none. `settings`: the mesh's.
 */
export function passthroughPlan(
  req: IncomingMessage,
  headers: OutgoingHttpHeaders,
  requestId: string,
  path: string,
  authority: string,
  port: number,
  settings: ShadowSettings,
  peer: PeerHeader,
): ExchangePlan {
  const own = splitAuthority(authority).port;
  const plan = basePlan(req, headers, requestId, path, authority, peer);
  plan.address = own === null ? `${authority}:${port}` : authority;
  plan.settings = settings;
  return plan;
}
