// GET /api/v1/stream (WebSocket): subscribe → snapshot, then a graph delta every second, plus
// `invalidate` messages when config or proxy status changes. Auth as any read under /api.
import type { FastifyInstance } from 'fastify';
import type { TelemetryRouteOptions } from '../graph/query-params.js';

export async function streamRoutes(app: FastifyInstance, options: TelemetryRouteOptions): Promise<void> {
  const { hub } = options.telemetry;
  app.get('/api/v1/stream', { websocket: true }, (socket) => hub.attach(socket));
}
