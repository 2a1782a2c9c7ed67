// HTTP servers of the proxy: created with the same settings, guarded so that no exception escapes a
// socket callback, tracked so that close() also ends upgraded and tunnelled sockets.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ProxyError } from './errors.js';
import type { HostPort } from './host-port.js';
import { formatHostPort } from './host-port.js';
import { sendLocalReply } from './local-reply.js';
import type { RequestHandler } from './routed-handler.js';
import type { UpgradeHandler } from './upgrade-tunnel.js';

export interface ListenerHandlers {
  request: RequestHandler;
  upgrade?: UpgradeHandler;
  connect?: UpgradeHandler;
}

export class Listeners {
  private readonly servers: Server[] = [];
  private readonly tunnels = new Set<Duplex>();

  constructor(private readonly logger: Logger) {}

  /** Binds a server for `flag` (named in errors) and resolves with the address actually bound. */
  async listen(flag: string, at: HostPort, handlers: ListenerHandlers): Promise<string> {
    const server = createServer({ requestTimeout: 0, keepAliveTimeout: 65_000 }, (req, res) =>
      this.guardRequest(handlers.request, req, res),
    );
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
      try {
        handler(req, socket, head);
      } catch (err) {
        this.logger.error({ err, url: req.url }, 'tunnel handler failed');
        socket.destroy();
      }
    };
  }
}
