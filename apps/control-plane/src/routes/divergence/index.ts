// GET /api/v1/divergence?namespace&service → DivergenceResponse: per mirror edge and route, pairs
// compared, divergent, ratio and the top divergent fields. Auth as any read under /api.
import type { DivergenceResponse } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import type { FlowRouteOptions } from '../flows/decorate-flows.js';
import { type FlowsQuerystring, parseFilter } from '../flows/flows-query.js';

export async function divergenceRoutes(app: FastifyInstance, options: FlowRouteOptions): Promise<void> {
  const { flows } = options.flows;
  app.get<{ Querystring: FlowsQuerystring }>(
    '/api/v1/divergence',
    async (request): Promise<DivergenceResponse> => {
      const filter = parseFilter(request.query, ['namespace', 'service']);
      return flows.divergence(filter);
    },
  );
}
