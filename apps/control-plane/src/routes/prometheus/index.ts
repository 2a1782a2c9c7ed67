// GET /metrics: Prometheus text exposition of the mesh (Istio's metric names and labels) and of the
// control plane itself, streamed in chunks. `?name=FAMILY` (repeatable) keeps only those metric
// families. A read: open on a loopback bind, a credential otherwise.
import { Readable } from 'node:stream';
import { PROMETHEUS_CONTENT_TYPE } from '@shadowmesh/telemetry';
import type { FastifyInstance } from 'fastify';
import { exposition } from '../../services/telemetry/prometheus-exposition.js';
import type { FlowRouteOptions } from '../flows/decorate-flows.js';
import type { TelemetryRouteOptions } from '../graph/query-params.js';

export async function prometheusRoutes(
  app: FastifyInstance,
  options: TelemetryRouteOptions & Partial<FlowRouteOptions>,
): Promise<void> {
  const { telemetry, flows } = options;
  app.get<{ Querystring: { name?: string | string[] } }>(
    '/metrics',
    { config: { auth: 'read' } },
    async (request, reply) => {
      const { name } = request.query;
      const families = name === undefined ? undefined : new Set(Array.isArray(name) ? name : [name]);
      const chunks = exposition(
        {
          series: telemetry.service.registry.values(),
          mirror: telemetry.service.mirrorTotals(),
          controlPlane: [...telemetry.controlPlaneMetrics(), ...(flows?.metrics() ?? [])],
          ...(flows ? { divergence: flows.flows.divergence().items } : {}),
        },
        families,
      );
      return reply.type(PROMETHEUS_CONTENT_TYPE).send(Readable.from(chunks));
    },
  );
}
