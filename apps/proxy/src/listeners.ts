// HTTP servers of the proxy: created with the same settings, guarded so that no exception escapes a
// socket callback and that no request with framing RFC 9112 refuses is handled, tracked so that
// close() also ends upgraded and tunnelled sockets.

import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { answerClientError } from './client-error.js';
import { ProxyError } from './errors.js';
import type { HostPort } from './host-port.js';
import { formatHostPort } from './host-port.js';
import { sendLocalReply } from './local-reply.js';
import { rawReply } from './raw-reply.js';
import { framingRefusal } from './request-framing.js';
import type { RequestHandler } from './routed-handler.js';
import type { UpgradeHandler } from './upgrade-tunnel.js';

export interface ListenerHandlers {
  request: RequestHandler;
  upgrade?: UpgradeHandler;
  connect?: UpgradeHandler;
}

/** Set on every listener, so that no NODE_OPTIONS flag (`--insecure-http-parser`, `--max-http-header-size`) loosens them. */
export const LISTENER_OPTIONS: Readonly<ServerOptions> = Object.freeze({
  insecureHTTPParser: false,
  // node's default, 16 KiB; larger heads get 431 DPE.
  maxHeaderSize: 16 * 1024,
  // A head must arrive within 60 s (a slowloris bound; node's default, which requestTimeout 0 turns off).
  headersTimeout: 60_000,
  // No bound on a whole request: bodies stream for as long as the route allows (Envoy's default too).
  requestTimeout: 0,
  keepAliveTimeout: 65_000,
  // Checked by framingRefusal with the other refusals: node's own check answers 400 but still hands
  // the request pipelined behind it to the handler.
  requireHostHeader: false,
});

export class Listeners {
  private readonly servers: Server[] = [];
  private readonly tunnels = new Set<Duplex>();
  /** Connections closing after a refused request: what llhttp parsed behind it is never handled. */
  private readonly refused = new WeakSet<Duplex>();

  constructor(private readonly logger: Logger) {}

  /** Binds a server for `flag` (named in errors) and resolves with the address actually bound. */
  async listen(flag: string, at: HostPort, handlers: ListenerHandlers): Promise<string> {
    const server = createServer(LISTENER_OPTIONS, (req, res) =>
      this.guardRequest(handlers.request, req, res),
    );
    // Every field reaches framingRefusal, which refuses more than MAX_REQUEST_HEADERS (not a server option).
    server.maxHeadersCount = 0;
    server.on('clientError', (err, socket) => answerClientError(err, socket, this.logger));
    if (handlers.upgrade) server.on('upgrade', this.guardTunnel(handlers.upgrade));
    if (handlers.connect) server.on('connect', this.guardTunnel(handlers.connect));
    this.servers.push(server);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => {
        reject(
          new ProxyError(
            'DP_ERR_LISTEN',
            `${flag}: cannot listen on ${formatHostPort(at.host, at.port)}: ${err.message}`,
            { cause: err },
          ),
        );
      };
      server.once('error', onError);
      server.listen(at.port, at.host, () => {
        server.off('error', onError);
        server.on('error', (err) => this.logger.error({ err, flag }, 'listener error'));
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') return String(address);
    return formatHostPort(address.address, address.port);
  }

  async close(): Promise<void> {
    for (const socket of this.tunnels) socket.destroy();
    this.tunnels.clear();
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private guardRequest(handler: RequestHandler, req: IncomingMessage, res: ServerResponse): void {
    if (this.refused.has(req.socket)) return;
    const refusal = framingRefusal(req, true);
    if (refusal !== null) {
      this.refused.add(req.socket);
      res.shouldKeepAlive = false;
      sendLocalReply(res, refusal.status, 'DPE', null, refusal.text);
      return;
    }
    try {
      handler(req, res);
    } catch (err) {
      this.logger.error({ err, url: req.url }, 'request handler failed');
      sendLocalReply(res, 500, '-', null, 'internal proxy error');
    }
  }

  private guardTunnel(handler: UpgradeHandler): UpgradeHandler {
    return (req, socket, head) => {
      this.tunnels.add(socket);
      socket.once('close', () => this.tunnels.delete(socket));
      // Host is not required here: node never required it of upgrades and CONNECT.
      const refusal = framingRefusal(req, false);
      if (refusal !== null) return rawReply(socket, refusal.status, 'DPE', refusal.text);
      try {
        handler(req, socket, head);
      } catch (err) {
        this.logger.error({ err, url: req.url }, 'tunnel handler failed');
        socket.destroy();
      }
    };
  }
}
