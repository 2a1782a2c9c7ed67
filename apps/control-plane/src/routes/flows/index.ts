// GET /api/v1/flows?namespace&service&workload&method&path&status&type&since&limit → FlowListResponse
// (newest first); GET /api/v1/flows/:id → FlowExchange (comparisons made again now; `id` is an exchange
// id, or a bare request id for its newest exchange), 404 when the control plane does not hold it. Auth as any read under /api.
import type { FlowExchange, FlowListResponse } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import type { FlowRouteOptions } from './decorate-flows.js';
import { type FlowsQuerystring, parseFlowsQuery } from './flows-query.js';

export async function flowRoutes(app: FastifyInstance, options: FlowRouteOptions): Promise<void> {
  const { flows } = options.flows;
  app.get<{ Querystring: FlowsQuerystring }>('/api/v1/flows', async (request): Promise<FlowListResponse> => {
    const { query, limit } = parseFlowsQuery(request.query);
    return flows.list(query, limit);
  });

  app.get<{ Params: { id: string } }>('/api/v1/flows/:id', async (request): Promise<FlowExchange> => {
    const { id } = request.params;
    const exchange = flows.exchange(id);
    if (exchange === null) {
      throw cpError('CP_ERR_FLOW_NOT_FOUND', `no flow "${id}" is held (the oldest flows are dropped first)`, {
        field: 'params.id',
      });
    }
    return exchange;
  });
}
