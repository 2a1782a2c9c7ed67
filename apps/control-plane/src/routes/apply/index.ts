// POST /api/v1/apply: multi-document YAML or JSON, all or nothing, `?dryRun=true` stores nothing.
import type { ApplyResult } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../plugins/auth.js';
import { applyManifests } from '../../services/config/apply-manifests.js';
import { manifestBodyParsers, manifestText } from '../manifest-body.js';
import { DRY_RUN_SCHEMA, isDryRun, NAMESPACE_SCHEMA } from '../route-helpers.js';

export async function applyRoutes(app: FastifyInstance): Promise<void> {
  manifestBodyParsers(app);
  app.post<{ Querystring: { dryRun?: string; namespace?: string } }>(
    '/api/v1/apply',
    {
      schema: {
        querystring: { type: 'object', properties: { dryRun: DRY_RUN_SCHEMA, namespace: NAMESPACE_SCHEMA } },
      },
    },
    async (request): Promise<ApplyResult> => {
      const text = manifestText(request.body);
      const options = { dryRun: isDryRun(request.query.dryRun), namespace: request.query.namespace };
      return applyManifests(app.services.context, text, options, actorOf(request));
    },
  );
}
