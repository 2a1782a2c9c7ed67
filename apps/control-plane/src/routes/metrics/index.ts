// GET /api/v1/metrics?node=ID|edge=ID&duration=10m&step=10s[&graphType=…][&direction=inbound|outbound]
import type { MetricsResponse } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import {
  checkDuration,
  checkGraphType,
  checkStep,
  graphTypeOfId,
} from '../../services/telemetry/stream/graph-query.js';
import { single, type TelemetryRouteOptions, unwrap } from '../graph/query-params.js';

interface MetricsQuerystring {
  node?: string;
  edge?: string;
  duration?: string;
  step?: string;
  graphType?: string;
  direction?: string;
}

const MAX_ID_LENGTH = 2048;

export async function metricsRoutes(app: FastifyInstance, options: TelemetryRouteOptions): Promise<void> {
  const { service, mesh } = options.telemetry;
  app.get<{ Querystring: MetricsQuerystring }>(
    '/api/v1/metrics',
    async (request): Promise<MetricsResponse> => {
      const q = request.query;
      const node = single(q.node, 'query.node');
      const edge = single(q.edge, 'query.edge');
      if ((node === undefined) === (edge === undefined)) {
        throw cpError('CP_ERR_BAD_REQUEST', 'query.node: give exactly one of node and edge', {
          field: 'query.node',
        });
      }
      const id = (node ?? edge) as string;
      const field = node !== undefined ? 'query.node' : 'query.edge';
      if (id.length === 0 || id.length > MAX_ID_LENGTH) {
        throw cpError('CP_ERR_BAD_REQUEST', `${field}: must be a graph element id`, { field });
      }
      const durationSeconds = unwrap(
        checkDuration(single(q.duration, 'query.duration') ?? '10m', 'query.duration'),
      );
      const stepSeconds = unwrap(checkStep(single(q.step, 'query.step'), durationSeconds, 'query.step'));
      const type = single(q.graphType, 'query.graphType');
      const graphType = unwrap(checkGraphType(type ?? graphTypeOfId(id), 'query.graphType'));
      const direction = single(q.direction, 'query.direction') ?? 'inbound';
      if (direction !== 'inbound' && direction !== 'outbound') {
        throw cpError('CP_ERR_BAD_REQUEST', 'query.direction: must be inbound or outbound', {
          field: 'query.direction',
        });
      }
      return service.metrics(
        {
          target: node !== undefined ? { node } : { edge: id },
          graphType,
          direction,
          durationSeconds,
          stepSeconds,
        },
        mesh.current(),
      );
    },
  );
}
