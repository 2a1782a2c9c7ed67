// `/api/v1/demo/load`: the demo load generator's rate, read and changed from the dashboard. The control
// plane calls the generator (its address comes from `shadowmesh demo` through `config.demoLoadUrl`), so the
// browser needs no access to it and writes need a token like every other write. `/api/v1/demo` says
// whether a demo runs without a 404 (a browser logs every 404 as a console error).
import type { DemoInfo, DemoLoadStatus } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import { DEMO_MAX_RPS, LoadGeneratorClient } from './load-generator-client.js';

export { DEMO_MAX_RPS } from './load-generator-client.js';

const RATE_BODY_SCHEMA = {
  type: 'object',
  required: ['rps'],
  additionalProperties: false,
  properties: { rps: { type: 'number', minimum: 0, maximum: DEMO_MAX_RPS } },
} as const;

export async function demoRoutes(app: FastifyInstance): Promise<void> {
  const base = app.services.config.demoLoadUrl;
  const generator = base === null ? null : new LoadGeneratorClient(base);
  const running = (): LoadGeneratorClient => {
    if (generator === null) {
      throw cpError(
        'CP_ERR_NOT_FOUND',
        'no demo load generator: this control plane was not started by shadowmesh demo',
      );
    }
    return generator;
  };

  app.get(
    '/api/v1/demo',
    async (): Promise<DemoInfo> => ({
      load: generator === null ? null : await generator.status(),
    }),
  );

  app.get('/api/v1/demo/load', async (): Promise<DemoLoadStatus> => running().status());

  app.put<{ Body: { rps: number } }>(
    '/api/v1/demo/load',
    { schema: { body: RATE_BODY_SCHEMA } },
    async (request): Promise<DemoLoadStatus> => {
      const status = await running().setRate(request.body.rps);
      request.log.info({ rps: status.rps }, 'demo load rate changed');
      return status;
    },
  );
}
