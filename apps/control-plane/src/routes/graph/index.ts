// GET /api/v1/graph?namespaces=a,b&graphType=versionedApp|app|workload|service&duration=60s&source=…
//
// Where the graph comes from: as in Kiali, whose graph always comes from the Prometheus it is configured
// with (`external_services.prometheus.url`), a control plane started with `--prometheus URL` builds every
// graph from that Prometheus; without it, from the proxies' own telemetry (the built-in source). A
// request may still choose with `source=builtin|prometheus` (to compare the two, or to keep working
// while Prometheus is down); the `x-shadowmesh-graph-source` header says which answered. The live
// stream (`/api/v1/stream`) stays on the built-in source: it is pushed every second.
import type { GraphResponse } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
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
  source?: string;
}

type GraphSourceName = 'builtin' | 'prometheus';

export async function graphRoutes(app: FastifyInstance, options: TelemetryRouteOptions): Promise<void> {
  const { service, mesh, prometheus } = options.telemetry;
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
      const source = graphSource(single(q.source, 'query.source'), prometheus !== null);
      const query = { graphType, namespaces, durationSeconds };
      const started = performance.now();
      const graph =
        source === 'prometheus' && prometheus !== null
          ? await prometheus.graph(query, mesh.current())
          : service.graph(query, mesh.current());
      // How long computing the graph took (window aggregation and building, or Prometheus's queries).
      reply.header('server-timing', `graph;dur=${(performance.now() - started).toFixed(1)}`);
      reply.header('x-shadowmesh-graph-source', source);
      return graph;
    },
  );
}

function graphSource(input: string | undefined, configured: boolean): GraphSourceName {
  if (input === undefined) return configured ? 'prometheus' : 'builtin';
  if (input !== 'builtin' && input !== 'prometheus') {
    throw cpError('CP_ERR_BAD_REQUEST', 'query.source: must be builtin or prometheus', {
      field: 'query.source',
    });
  }
  if (input === 'prometheus' && !configured) {
    throw cpError(
      'CP_ERR_BAD_REQUEST',
      'query.source: no Prometheus is configured (start the control plane with --prometheus URL)',
      { field: 'query.source' },
    );
  }
  return input;
}
