// Analysis of the live config (GET), or of manifests as if applied over it (POST; stores nothing).
import { type AnalyzeResponse, analyze, type Finding, parseManifests } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { keyOf, refOf } from '../../services/store/types.js';
import { manifestBodyParsers, manifestText } from '../manifest-body.js';
import { NAMESPACE_SCHEMA } from '../route-helpers.js';

export async function analyzeRoutes(app: FastifyInstance): Promise<void> {
  const { store, registry, context } = app.services;
  manifestBodyParsers(app);
  const query = { type: 'object', properties: { namespace: NAMESPACE_SCHEMA } } as const;

  app.get<{ Querystring: { namespace?: string } }>(
    '/api/v1/analyze',
    { schema: { querystring: query } },
    async (request): Promise<AnalyzeResponse> => {
      return { findings: inNamespace(context.liveFindings(), request.query.namespace), errors: [] };
    },
  );

  // A read: it changes nothing, so it needs the same credentials as GET.
  app.post<{ Querystring: { namespace?: string } }>(
    '/api/v1/analyze',
    { schema: { querystring: query }, config: { auth: 'read' } },
    async (request): Promise<AnalyzeResponse> => {
      const parsed = parseManifests(manifestText(request.body), {
        defaultNamespace: request.query.namespace ?? 'default',
      });
      const state = new Map(store.list().map((r) => [keyOf(refOf(r)), r]));
      for (const r of parsed.resources) state.set(keyOf(refOf(r)), r);
      const findings = [...parsed.warnings, ...analyze([...state.values()], registry.endpoints())];
      return { findings: dedupe(findings), errors: parsed.errors };
    },
  );
}

function inNamespace(findings: Finding[], namespace: string | undefined): Finding[] {
  return namespace ? findings.filter((f) => f.resource.namespace === namespace) : findings;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.resource.kind}/${f.resource.namespace}/${f.resource.name}|${f.field}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
