// The sidecar's inbound listener: mesh traffic for this workload, forwarded to the local app (`--app`),
// with an access log and destination-side telemetry (reporter="destination").
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import { UNKNOWN } from '@shadowmesh/telemetry';
import type { AccessLog } from './access-log.js';
import { basePlan } from './exchange-plan.js';
import type { ExchangeResult } from './exchange-types.js';
import { appendForwardedFor, endToEndHeaders, ensureRequestId, PEER_HEADER } from './forwarded-headers.js';
import { splitAuthority } from './host-port.js';
import { LOCAL_REPLY_TEXT, sendLocalReply } from './local-reply.js';
import { decodePeer } from './peer-identity.js';
import { PrimaryExchange } from './primary-exchange.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { requestTarget } from './request-target.js';
import type { RequestHandler } from './routed-handler.js';
import type { SourceLabels } from './source-labels.js';
import { edgeKey } from './source-labels.js';

export interface InboundOptions {
  /** `host:port` of the local app, or null for a client-only workload (every request gets 503 UH). */
  app: string | null;
  accessLog: AccessLog;
  /** This workload as a destination. */
  self: SourceLabels;
}

export function createInboundHandler(rt: ProxyRuntime, options: InboundOptions): RequestHandler {
  const { app, accessLog, self } = options;
  return (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    // An absolute-form target's authority replaces Host (RFC 9112 §3.2.2), as on the outbound listener:
    // the app, the access log and telemetry all see the same authority and an origin-form path.
    const { path, authority } = requestTarget(req, 80);
    const shadow = req.headers[SHADOW_HEADER] !== undefined;
    const peer = decodePeer(req.headers[PEER_HEADER]);
    const headers = endToEndHeaders(req.headers);
    const requestId = ensureRequestId(headers);
    appendForwardedFor(headers, req.socket.remoteAddress);

    const done = (r: ExchangeResult) => {
      accessLog.add({
        method,
        path,
        authority,
        status: r.status,
        flags: r.flags,
        durationMs: Math.round(r.durationMs * 1000) / 1000,
        requestId,
        shadow,
        sourceWorkload: peer.workload,
        bytesReceived: r.requestBytes,
        bytesSent: r.responseBytes,
      });
      const service = peer.service !== UNKNOWN ? peer.service : serviceFromHost(authority, shadow);
      const source: SourceLabels = {
        reporter: 'destination',
        workload: peer.workload,
        namespace: peer.namespace,
        app: peer.app,
        version: peer.version,
      };
      const destination = {
        service,
        workload: self.workload,
        namespace: self.namespace,
        app: self.app,
        version: self.version,
      };
      rt.telemetry.record(edgeKey(source, destination, r.status, r.flags, shadow ? 'mirror' : 'primary'), r);
    };

    if (app === null) {
      sendLocalReply(res, 503, 'UH', requestId, LOCAL_REPLY_TEXT.UH);
      return done({
        status: 503,
        flags: 'UH',
        endpoint: null,
        requestBytes: 0,
        responseBytes: 0,
        durationMs: 0,
      });
    }
    const plan = basePlan(req, headers, requestId, path, authority || app, null);
    plan.address = app;
    new PrimaryExchange(rt, req, res, plan, done).start();
  };
}

/** `httpbin-shadow:8000` → `httpbin` (the service a request without peer metadata was addressed to). */
function serviceFromHost(authority: string, shadow: boolean): string {
  const host = splitAuthority(authority).host;
  if (host === '') return UNKNOWN;
  return shadow && host.endsWith('-shadow') ? host.slice(0, -'-shadow'.length) : host;
}
