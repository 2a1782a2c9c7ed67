// GET /api/v1/tap (WebSocket): the client sends TapSubscribe; the server sends `flow` (new or updated
// exchanges matching its filter, within its rate), `dropped` and `error` messages. While a client is
// subscribed, proxies run a tap session with its filter. Auth as any read under /api.
import type { FastifyInstance } from 'fastify';
import type { FlowRouteOptions } from '../flows/decorate-flows.js';

export async function tapRoutes(app: FastifyInstance, options: FlowRouteOptions): Promise<void> {
  const { tap } = options.flows;
  app.get('/api/v1/tap', { websocket: true }, (socket) => tap.attach(socket));
}
