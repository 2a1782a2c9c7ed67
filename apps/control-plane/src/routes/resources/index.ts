// Kubernetes-style REST for every managed kind:
//   /api/v1/namespaces/{namespace}/{plural}[/{name}]  and  /api/v1/{plural} (all namespaces).
import type { MeshResource, ResourceList } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { cpError } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import {
  createObject,
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  replaceObject,
} from '../../services/config/object-operations.js';
import { parseLabelSelector } from '../../services/resources/label-selector.js';
import {
  DRY_RUN_SCHEMA,
  isDryRun,
  kindOfPlural,
  NAME_SCHEMA,
  NAMESPACE_SCHEMA,
  rejectDeepBody,
  setWarningHeaders,
} from '../route-helpers.js';

interface CollectionParams {
  namespace: string;
  plural: string;
}
interface ObjectParams extends CollectionParams {
  name: string;
}
interface ReadQuery {
  apiVersion?: string;
  labelSelector?: string;
}
interface WriteQuery {
  dryRun?: string;
  resourceVersion?: string;
}

const collectionParams = {
  type: 'object',
  properties: { namespace: NAMESPACE_SCHEMA, plural: { type: 'string' } },
  required: ['namespace', 'plural'],
} as const;
const objectParams = {
  type: 'object',
  properties: { namespace: NAMESPACE_SCHEMA, plural: { type: 'string' }, name: NAME_SCHEMA },
  required: ['namespace', 'plural', 'name'],
} as const;
const readQuery = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, labelSelector: { type: 'string', maxLength: 4096 } },
} as const;
const writeQuery = {
  type: 'object',
  properties: { dryRun: DRY_RUN_SCHEMA, resourceVersion: { type: 'string', pattern: '^[0-9]+$' } },
} as const;

export async function resourceRoutes(app: FastifyInstance): Promise<void> {
  const ctx = app.services.context;
  const head = () => String(app.services.store.headRevision);

  app.get<{ Params: { plural: string }; Querystring: ReadQuery }>(
    '/api/v1/:plural',
    { schema: { querystring: readQuery } },
    async (request): Promise<ResourceList> => {
      const info = kindOfPlural(request.params.plural);
      const selector = request.query.labelSelector
        ? parseLabelSelector(request.query.labelSelector)
        : undefined;
      const items = listObjects(ctx, info, { selector, apiVersion: request.query.apiVersion });
      return listBody(info.kind, items, head());
    },
  );

  app.get<{ Params: CollectionParams; Querystring: ReadQuery }>(
    '/api/v1/namespaces/:namespace/:plural',
    { schema: { params: collectionParams, querystring: readQuery } },
    async (request): Promise<ResourceList> => {
      const info = kindOfPlural(request.params.plural);
      const selector = request.query.labelSelector
        ? parseLabelSelector(request.query.labelSelector)
        : undefined;
      const items = listObjects(ctx, info, {
        namespace: request.params.namespace,
        selector,
        apiVersion: request.query.apiVersion,
      });
      return listBody(info.kind, items, head());
    },
  );

  app.post<{ Params: CollectionParams; Querystring: WriteQuery }>(
    '/api/v1/namespaces/:namespace/:plural',
    { schema: { params: collectionParams, querystring: writeQuery } },
    async (request, reply) => {
      const info = kindOfPlural(request.params.plural);
      const dryRun = isDryRun(request.query.dryRun);
      const result = createObject(
        ctx,
        info,
        request.params.namespace,
        request.body,
        actorOf(request),
        dryRun,
      );
      setWarningHeaders(reply, result.warnings);
      return reply.code(dryRun ? 200 : 201).send(result.object);
    },
  );

  app.get<{ Params: ObjectParams; Querystring: ReadQuery }>(
    '/api/v1/namespaces/:namespace/:plural/:name',
    { schema: { params: objectParams, querystring: readQuery } },
    async (request) => {
      const { namespace, name } = request.params;
      const info = kindOfPlural(request.params.plural);
      return getObject(ctx, { kind: info.kind, namespace, name }, request.query.apiVersion);
    },
  );

  app.put<{ Params: ObjectParams; Querystring: WriteQuery }>(
    '/api/v1/namespaces/:namespace/:plural/:name',
    { schema: { params: objectParams, querystring: writeQuery } },
    async (request, reply) => {
      const { namespace, name } = request.params;
      const info = kindOfPlural(request.params.plural);
      const ref = { kind: info.kind, namespace, name };
      const dryRun = isDryRun(request.query.dryRun);
      const result = replaceObject(ctx, info, ref, request.body, actorOf(request), dryRun);
      setWarningHeaders(reply, result.warnings);
      return result.object;
    },
  );

  app.patch<{ Params: ObjectParams; Querystring: WriteQuery }>(
    '/api/v1/namespaces/:namespace/:plural/:name',
    { schema: { params: objectParams, querystring: writeQuery } },
    async (request, reply) => {
      const { namespace, name } = request.params;
      const info = kindOfPlural(request.params.plural);
      const contentType = request.headers['content-type']?.split(';')[0]?.trim();
      if (contentType !== 'application/merge-patch+json') {
        throw cpError(
          'CP_ERR_UNSUPPORTED_MEDIA_TYPE',
          'PATCH takes a JSON merge patch with Content-Type: application/merge-patch+json',
          { field: 'headers.content-type' },
        );
      }
      const ref = { kind: info.kind, namespace, name };
      const dryRun = isDryRun(request.query.dryRun);
      rejectDeepBody(request.body);
      const result = patchObject(ctx, info, ref, request.body, actorOf(request), dryRun);
      setWarningHeaders(reply, result.warnings);
      return result.object;
    },
  );

  app.delete<{ Params: ObjectParams; Querystring: WriteQuery }>(
    '/api/v1/namespaces/:namespace/:plural/:name',
    { schema: { params: objectParams, querystring: writeQuery } },
    async (request, reply) => {
      const { namespace, name } = request.params;
      const info = kindOfPlural(request.params.plural);
      const result = deleteObject(ctx, { kind: info.kind, namespace, name }, actorOf(request), {
        expectedResourceVersion: request.query.resourceVersion,
        dryRun: isDryRun(request.query.dryRun),
      });
      setWarningHeaders(reply, result.warnings);
      return result.object;
    },
  );
}

function listBody(kind: string, items: MeshResource[], resourceVersion: string): ResourceList {
  return { apiVersion: 'v1', kind: `${kind}List`, metadata: { resourceVersion }, items };
}
