// GET /api/v1/graph?namespaces=a,b&graphType=versionedApp|app|workload|service&duration=60s
import type { GraphResponse } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import {
  checkDuration,
  checkGraphType,
  checkNamespaces,
} from '../../services/telemetry/stream/graph-query.js';
import { single, type TelemetryRouteOptions, unwrap } from './query-params.js';

interface GraphQuerystring {
  namespaces?: string | string[];
  graphType?: string;
  duration?: string;
}

export async function graphRoutes(app: FastifyInstance, options: TelemetryRouteOptions): Promise<void> {
  const { service, mesh } = options.telemetry;
  app.get<{ Querystring: GraphQuerystring }>(
    '/api/v1/graph',
    async (request, reply): Promise<GraphResponse> => {
      const q = request.query;
      const namespaces = unwrap(
        checkNamespaces(
          Array.isArray(q.namespaces) ? q.namespaces.join(',') : q.namespaces,
          'query.namespaces',
        ),
      );
      const graphType = unwrap(
        checkGraphType(single(q.graphType, 'query.graphType') ?? 'versionedApp', 'query.graphType'),
      );
      const durationSeconds = unwrap(
        checkDuration(single(q.duration, 'query.duration') ?? '60s', 'query.duration'),
      );
      const started = performance.now();
      const graph = service.graph({ graphType, namespaces, durationSeconds }, mesh.current());
      // How long computing the graph took (window aggregation and building), for benchmarks and browsers.
      reply.header('server-timing', `graph;dur=${(performance.now() - started).toFixed(1)}`);
      return graph;
    },
  );
}
