// Where an upgrade request (WebSocket) on a routed listener goes: the route's endpoint, or a rejection.
import type { IncomingMessage } from 'node:http';
import { splitAuthority } from './host-port.js';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import { LOOP_FLAG, LOOP_STATUS } from './loop-guard.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { requestTarget } from './request-target.js';
import type { TunnelRejection, TunnelTarget } from './upgrade-tunnel.js';

export function routedTunnelTarget(
  rt: ProxyRuntime,
  req: IncomingMessage,
  defaultPort: number,
  refuseOwnAddresses = false,
): TunnelTarget | TunnelRejection {
  const table = rt.config.table;
  if (table === null) return { status: 503, flags: 'NC', text: LOCAL_REPLY_TEXT.NC };
  const target = requestTarget(req, defaultPort);
  if (
    rt.loop.sentByMe(req.headers) ||
    (refuseOwnAddresses && rt.loop.addressesSelf(target.authority, target.port))
  ) {
    return { status: LOOP_STATUS, flags: LOOP_FLAG, text: 'upgrade addressed to this proxy itself: refused' };
  }
  const decision = table.route(
    {
      method: req.method ?? 'GET',
      scheme: 'http',
      authority: target.authority,
      path: target.path,
      port: target.port,
      headers: req.headers,
    },
    rt.random,
  );
  switch (decision.kind) {
    case 'forward': {
      const endpoint = decision.cluster.pick(rt.random);
      if (endpoint === null) return { status: 503, flags: 'UH', text: LOCAL_REPLY_TEXT.UH };
      return { address: endpoint.address, authority: decision.authority, path: decision.path };
    }
    case 'passthrough': {
      const port = splitAuthority(decision.authority).port;
      const address = port === null ? `${decision.authority}:${target.port}` : decision.authority;
      return { address, authority: decision.authority, path: target.path };
    }
    case 'reject':
      return { status: decision.status, flags: decision.flag, text: decision.reason || LOCAL_REPLY_TEXT.NR };
    default:
      return { status: 404, flags: 'NR', text: 'this route does not accept upgrades' };
  }
}
