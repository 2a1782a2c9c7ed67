// Upgrade requests (WebSocket) pass through on the primary path and are never mirrored: the handshake
// is forwarded with node:http, then bytes are piped both ways until either side closes.

import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import type { Duplex } from 'node:stream';
import { appendForwardedFor, endToEndHeaders, ensureRequestId } from './forwarded-headers.js';
import { splitAuthority } from './host-port.js';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import { rawHead, rawReply } from './raw-reply.js';
import { isConnectFailure } from './upstream-errors.js';

export interface TunnelTarget {
  /** `host:port` to connect to. */
  address: string;
  /** Host header to send. */
  authority: string;
  path: string;
}

export type TunnelRejection = { status: number; flags: string; text: string };

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const NOT_FORWARDED = new Set(['transfer-encoding', 'content-length', 'connection', 'keep-alive']);

export function createUpgradeHandler(
  resolve: (req: IncomingMessage) => TunnelTarget | TunnelRejection,
  onError: (err: unknown) => void,
): UpgradeHandler {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const target = resolve(req);
      if ('status' in target) return rawReply(socket, target.status, target.flags, target.text);
      const headers = endToEndHeaders(req.headers, true);
      ensureRequestId(headers);
      appendForwardedFor(headers, req.socket.remoteAddress);
      headers.host = target.authority;
      const { host, port } = splitAuthority(target.address);
      const upstream = request({
        host,
        port: port ?? 80,
        method: req.method,
        path: target.path,
        headers,
        agent: false,
      });
      socket.on('close', () => upstream.destroy());
      upstream.on('upgrade', (res, upstreamSocket, upstreamHead) => {
        upstreamSocket.on('error', () => upstreamSocket.destroy());
        if (socket.destroyed) return upstreamSocket.destroy();
        socket.write(rawHead(101, res.statusMessage, res.rawHeaders, new Set()));
        if (upstreamHead.length > 0) socket.write(upstreamHead);
        if (head.length > 0) upstreamSocket.write(head);
        upstreamSocket.setTimeout(0);
        upstreamSocket.pipe(socket);
        socket.pipe(upstreamSocket);
        upstreamSocket.on('close', () => socket.destroy());
        socket.on('close', () => upstreamSocket.destroy());
      });
      upstream.on('response', (res) => {
        // The upstream refused the upgrade: relay its answer and close (the body is sent unframed).
        socket.write(
          rawHead(res.statusCode ?? 502, res.statusMessage, res.rawHeaders, NOT_FORWARDED).replace(
            /\r\n\r\n$/,
            '\r\nconnection: close\r\n\r\n',
          ),
        );
        res.on('error', () => socket.destroy());
        res.pipe(socket);
      });
      upstream.on('error', (err) => {
        const flag = isConnectFailure(err) ? 'UF' : 'UC';
        rawReply(socket, 503, flag, LOCAL_REPLY_TEXT[flag]);
      });
      upstream.end();
    } catch (err) {
      onError(err);
      socket.destroy();
    }
  };
}
