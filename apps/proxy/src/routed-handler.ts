// The request handler of the sidecar's outbound listener and of the gateway: route by the mesh config,
// then forward, redirect, answer directly, pass through, or reject, as the RouteDecision says.
//
// This is the entry of the exchange pipeline. Each step is a module that imports only the steps below
// it and the shared types (exchange-types.ts); pipeline-layers.test.ts checks it:
//   1. request head      here: target, end-to-end headers, x-request-id, x-forwarded-for, loop guard
//   2. route decision    RouteTable.route, then the per-request plan (exchange-plan.ts)
//   3. primary attempts  primary-exchange.ts → upstream-attempt.ts: retries, timeouts, the response
//   4. copies            mirror-sender.ts → mirror-copy.ts, baseline-copy.ts: fire-and-forget
//   5. capture           flow-capture.ts → flow-request.ts → flow-record.ts, body-capture.ts (and
//                        flow-buffer.ts, tap-sessions.ts). Steps 2–4 report to it only through CaptureSink
//                        and ExchangeObserver; it imports no sending step. start-proxy.ts wires it in.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RequestAttributes, RouteDecision } from '@shadowmesh/routing';
import { EdgeCache } from './edge-cache.js';
import { basePlan, forwardPlan, passthroughPlan } from './exchange-plan.js';
import type { ExchangeResult } from './exchange-types.js';
import { appendForwardedFor, endToEndHeaders, ensureRequestId } from './forwarded-headers.js';
import { splitAuthority } from './host-port.js';
import { LOCAL_REPLY_TEXT, sendLocalReply } from './local-reply.js';
import { LOOP_FLAG, LOOP_STATUS } from './loop-guard.js';
import { encodePeer } from './peer-identity.js';
import { PrimaryExchange } from './primary-exchange.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { requestTarget } from './request-target.js';

const EMPTY = Buffer.alloc(0);

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * `defaultPort`: the port a request addresses when its authority names none. `refuseOwnAddresses`: the
 * listener is an HTTP proxy (the sidecar's outbound), so a request addressed to this proxy's own
 * listeners would loop (a gateway is addressed by its own address: it only refuses its own requests).
 */
export function createRoutedHandler(
  rt: ProxyRuntime,
  defaultPort: number,
  refuseOwnAddresses = false,
): RequestHandler {
  const peer = rt.peer;
  // One encoded header per destination service (a handful per proxy), not one per request.
  const encoded = new Map<string, string>();
  const peerValue =
    peer === null
      ? null
      : (service: string): string => {
          let value = encoded.get(service);
          if (value === undefined) {
            value = encodePeer({ ...peer, service });
            if (encoded.size < 10_000) encoded.set(service, value);
          }
          return value;
        };
  const edges = new EdgeCache(rt.source, 'primary');
  const record = (service: string, result: ExchangeResult) => {
    const edge = edges.get(service, result.endpoint, result.status, result.flags);
    rt.telemetry.record(edge.key, result, edge.id);
  };
  // One `onDone` per destination service, not a closure per request (bounded: passthrough hosts are not).
  const recorders = new Map<string, (result: ExchangeResult) => void>();
  const recorderOf = (service: string) => {
    let recorder = recorders.get(service);
    if (recorder === undefined) {
      recorder = (result) => record(service, result);
      if (recorders.size < 10_000) recorders.set(service, recorder);
    }
    return recorder;
  };

  return (req, res) => {
    const startMs = performance.now();
    const target = requestTarget(req, defaultPort);
    const headers = endToEndHeaders(req.headers);
    const requestId = ensureRequestId(headers);
    appendForwardedFor(headers, req.socket.remoteAddress);
    const local = (service: string, status: number, flags: string, text: string) => {
      sendLocalReply(res, status, flags, requestId, text);
      record(service, { status, flags, endpoint: null, requestBytes: 0, responseBytes: 0, durationMs: 0 });
      const flows = rt.flows;
      if (flows !== null) {
        const plan = basePlan(req, headers, requestId, target.path, target.authority, null);
        flows.localReply(plan, status, flags);
      }
    };
    if (
      rt.loop.sentByMe(req.headers) ||
      (refuseOwnAddresses && rt.loop.addressesSelf(target.authority, target.port))
    ) {
      // Nothing is forwarded: the request would only come back here (see loop-guard.ts).
      return local(hostOf(target.authority), LOOP_STATUS, LOOP_FLAG, LOOP_TEXT);
    }
    /** Redirects and direct responses: answered here, reported against the requested host. */
    const answer = (status: number, extra: OutgoingHttpHeaders, body: Buffer) => {
      res.writeHead(status, { ...extra, 'content-length': body.length, 'x-request-id': requestId });
      res.end(body);
      const durationMs = performance.now() - startMs;
      const result = {
        status,
        flags: '-',
        endpoint: null,
        requestBytes: 0,
        responseBytes: body.length,
        durationMs,
      };
      record(hostOf(target.authority), result);
    };
    const table = rt.config.table;
    if (table === null) return local(hostOf(target.authority), 503, 'NC', LOCAL_REPLY_TEXT.NC);
    const attributes: RequestAttributes = {
      method: req.method ?? 'GET',
      scheme: 'http',
      authority: target.authority,
      path: target.path,
      port: target.port,
      headers: req.headers,
    };
    let decision: RouteDecision;
    try {
      decision = table.route(attributes, rt.random);
    } catch (err) {
      rt.logger.error({ err, authority: target.authority, path: target.path }, 'route table threw');
      return local(hostOf(target.authority), 500, 'NR', 'internal routing error');
    }
    switch (decision.kind) {
      case 'reject':
        return local(
          hostOf(target.authority),
          decision.status,
          decision.flag,
          decision.reason || LOCAL_REPLY_TEXT.NR,
        );
      case 'redirect':
        return answer(decision.status, { location: decision.location }, EMPTY);
      case 'direct-response':
        return answer(
          decision.status,
          { 'content-type': 'text/plain; charset=utf-8' },
          Buffer.from(decision.body),
        );
      case 'passthrough': {
        const plan = passthroughPlan(
          req,
          headers,
          requestId,
          target.path,
          decision.authority,
          target.port,
          table.settings,
          peerValue,
        );
        if (rt.flows !== null) plan.flow = rt.flows.begin(plan, table.settings);
        return new PrimaryExchange(rt, req, res, plan, recorderOf(hostOf(decision.authority))).start();
      }
      case 'forward': {
        const plan = forwardPlan(req, headers, requestId, decision, peerValue);
        if (rt.flows !== null) plan.flow = rt.flows.begin(plan, decision.settings);
        return new PrimaryExchange(rt, req, res, plan, recorderOf(decision.cluster.host)).start();
      }
    }
  };
}

const LOOP_TEXT = 'request addressed to this proxy itself: refused, it would loop';

function hostOf(authority: string): string {
  return splitAuthority(authority).host || 'unknown';
}
