// CONNECT through the outbound listener (HTTPS via HTTP_PROXY): a TCP tunnel to where the mesh routes
// the authority. Never mirrored (Envoy does not shadow CONNECT either).

import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { splitAuthority } from './host-port.js';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import { rawReply } from './raw-reply.js';
import type { UpgradeHandler } from './upgrade-tunnel.js';
import { isConnectFailure } from './upstream-errors.js';

export function createConnectHandler(rt: ProxyRuntime): UpgradeHandler {
  return (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      const authority = req.url ?? '';
      const port = splitAuthority(authority).port ?? 443;
      const table = rt.config.table;
      if (table === null) return rawReply(socket, 503, 'NC', LOCAL_REPLY_TEXT.NC);
      const decision = table.route(
        { method: 'CONNECT', scheme: 'http', authority, path: '/', port, headers: req.headers },
        rt.random,
      );
      let address: string;
      if (decision.kind === 'passthrough') address = decision.authority;
      else if (decision.kind === 'forward') {
        const endpoint = decision.cluster.pick(rt.random);
        if (endpoint === null) return rawReply(socket, 503, 'UH', LOCAL_REPLY_TEXT.UH);
        address = endpoint.address;
      } else if (decision.kind === 'reject') return rawReply(socket, decision.status, 'NR', decision.reason);
      else return rawReply(socket, 404, 'NR', LOCAL_REPLY_TEXT.NR);
      const target = splitAuthority(address);
      const upstream = connect({ host: target.host, port: target.port ?? port });
      let established = false;
      upstream.on('connect', () => {
        established = true;
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length > 0) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', (err) => {
        if (established) return socket.destroy();
        const flag = isConnectFailure(err) ? 'UF' : 'UC';
        rawReply(socket, 503, flag, LOCAL_REPLY_TEXT[flag]);
      });
      upstream.on('close', () => {
        if (established) socket.destroy();
      });
      socket.on('close', () => upstream.destroy());
    } catch (err) {
      rt.logger.error({ err }, 'CONNECT handler failed');
      socket.destroy();
    }
  };
}
