// GET /api/v1/history (newest first, filter by object), GET /api/v1/history/{revision},
// POST /api/v1/rollback {revision, kind?, namespace?, name?} (itself a new, validated write).
import {
  type HistoryResponse,
  isMeshKind,
  type MeshKind,
  type RevisionRecord,
  type RollbackResult,
} from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { rollback } from '../../services/config/rollback.js';
import { DRY_RUN_SCHEMA, isDryRun, NAME_SCHEMA, NAMESPACE_SCHEMA } from '../route-helpers.js';

interface HistoryQuery {
  kind?: string;
  namespace?: string;
  name?: string;
  before?: number;
  limit?: number;
}

export async function historyRoutes(app: FastifyInstance): Promise<void> {
  const { store, context } = app.services;

  app.get<{ Querystring: HistoryQuery }>(
    '/api/v1/history',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string' },
            namespace: NAMESPACE_SCHEMA,
            name: NAME_SCHEMA,
            before: { type: 'integer', minimum: 1 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
      },
    },
    async (request): Promise<HistoryResponse> => {
      const { kind, namespace, name, before, limit } = request.query;
      return {
        items: store.history({ kind: kindParam(kind, 'query.kind'), namespace, name, before, limit }),
        headRevision: store.headRevision,
      };
    },
  );

  app.get<{ Params: { revision: number } }>(
    '/api/v1/history/:revision',
    {
      schema: {
        params: {
          type: 'object',
          properties: { revision: { type: 'integer', minimum: 1 } },
          required: ['revision'],
        },
      },
    },
    async (request): Promise<RevisionRecord> => {
      const record = store.revision(request.params.revision);
      if (!record) {
        throw cpError('CP_ERR_REVISION_NOT_FOUND', `revision ${request.params.revision} does not exist`, {
          field: 'params.revision',
        });
      }
      return record;
    },
  );

  app.post<{
    Body: { revision: number; kind?: string; namespace?: string; name?: string };
    Querystring: { dryRun?: string };
  }>(
    '/api/v1/rollback',
    {
      schema: {
        querystring: { type: 'object', properties: { dryRun: DRY_RUN_SCHEMA } },
        body: {
          type: 'object',
          required: ['revision'],
          additionalProperties: false,
          properties: {
            revision: { type: 'integer', minimum: 1 },
            kind: { type: 'string' },
            namespace: NAMESPACE_SCHEMA,
            name: NAME_SCHEMA,
          },
        },
      },
    },
    async (request): Promise<RollbackResult> => {
      const { revision, kind, namespace, name } = request.body;
      return rollback(
        context,
        {
          revision,
          kind: kindParam(kind, 'body.kind'),
          namespace,
          name,
          dryRun: isDryRun(request.query.dryRun),
        },
        actorOf(request),
      );
    },
  );
}

function kindParam(kind: string | undefined, field: string): MeshKind | undefined {
  if (kind === undefined || kind === '') return undefined;
  if (!isMeshKind(kind)) throw cpError('CP_ERR_BAD_REQUEST', `unknown kind "${kind}"`, { field });
  return kind;
}
