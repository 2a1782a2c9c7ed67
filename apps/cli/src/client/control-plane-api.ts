// The control plane's REST endpoints as the CLI uses them. Every response shape the CLI relies on is read
// here and only here (normalize*), so a change of the server's shapes is one edit.
import type { Finding, KindInfo, MeshKind, ProxyStatus, Resource } from '@shadowmesh/api';
import { ApiClient } from './api-client.js';
import type { ClientSettings } from './client-options.js';

/** What apply (or rollback) did with one document. */
export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'deleted' | 'skipped';

export interface ApplyResult {
  kind: string;
  namespace: string | null;
  name: string;
  action: ApplyAction;
  /** Why a document was skipped. */
  reason?: string;
  before: Resource | null;
  after: Resource | null;
  revision: number | null;
}

export interface ApplyResponse {
  dryRun: boolean;
  results: ApplyResult[];
  /** Analysis warnings/infos about the accepted objects (errors refuse the write). */
  findings: Finding[];
}

export interface RevisionEntry {
  revision: number;
  at: string;
  client: string;
  operation: 'create' | 'update' | 'delete';
  kind: MeshKind;
  namespace: string;
  name: string;
  rollbackOf: number | null;
  before: Resource | null;
  after: Resource | null;
}

export interface ListOptions {
  /** null ⇒ every namespace. */
  namespace: string | null;
  labelSelector?: string;
}

export interface HistoryQuery {
  kind?: MeshKind;
  namespace?: string;
  name?: string;
  limit?: number;
}

const enc = encodeURIComponent;

export class ControlPlaneApi {
  readonly http: ApiClient;

  constructor(settings: Pick<ClientSettings, 'server' | 'token'>, fetchImpl?: typeof fetch) {
    this.http = new ApiClient(settings, fetchImpl);
  }

  get server(): string {
    return this.http.server;
  }

  /** `POST /api/v1/apply`: all documents or none; `namespace` is kubectl's `-n` for objects naming none. */
  async apply(manifests: string, options: { dryRun: boolean; namespace?: string }): Promise<ApplyResponse> {
    const body = await this.http.request<unknown>('POST', '/api/v1/apply', {
      text: manifests,
      contentType: 'application/yaml',
      query: { ...(options.dryRun ? { dryRun: true } : {}), namespace: options.namespace },
    });
    return normalizeApply(body, options.dryRun);
  }

  async list(info: KindInfo, options: ListOptions): Promise<Resource[]> {
    const path =
      options.namespace === null
        ? `/api/v1/${info.plural}`
        : `/api/v1/namespaces/${enc(options.namespace)}/${info.plural}`;
    const query = options.labelSelector ? { labelSelector: options.labelSelector } : {};
    return normalizeItems<Resource>(await this.http.request<unknown>('GET', path, { query }));
  }

  /** One object, served in `apiVersion` when given (objects are stored once, in the preferred version). */
  get(info: KindInfo, namespace: string, name: string, apiVersion?: string): Promise<Resource> {
    return this.http.request<Resource>('GET', objectPath(info, namespace, name), { query: { apiVersion } });
  }

  async delete(info: KindInfo, namespace: string, name: string): Promise<void> {
    await this.http.request<unknown>('DELETE', objectPath(info, namespace, name));
  }

  /** `GET /api/v1/analyze`: findings on the live config. */
  async analyze(namespace?: string): Promise<Finding[]> {
    const body = await this.http.request<unknown>('GET', '/api/v1/analyze', { query: { namespace } });
    return normalizeItems<Finding>(body, 'findings');
  }

  /** `POST /api/v1/analyze`: findings on the live config with these manifests laid over it (stores nothing). */
  async analyzeOverLive(manifests: string, namespace?: string): Promise<Finding[]> {
    const body = await this.http.request<unknown>('POST', '/api/v1/analyze', {
      text: manifests,
      contentType: 'application/yaml',
      query: { namespace },
    });
    return normalizeItems<Finding>(body, 'findings');
  }

  async proxyStatus(): Promise<ProxyStatus[]> {
    return normalizeItems<ProxyStatus>(
      await this.http.request<unknown>('GET', '/api/v1/proxy-status'),
      'proxies',
    );
  }

  async history(query: HistoryQuery): Promise<RevisionEntry[]> {
    const body = await this.http.request<unknown>('GET', '/api/v1/history', { query: { ...query } });
    return normalizeItems<RevisionEntry>(body, 'revisions');
  }

  /** `POST /api/v1/rollback`: objects (all, or those matching kind/namespace/name) as right after `revision`. */
  async rollback(
    revision: number,
    options: { dryRun: boolean; kind?: MeshKind; namespace?: string; name?: string },
  ): Promise<ApplyResponse> {
    const { dryRun, ...filter } = options;
    const body = await this.http.request<unknown>('POST', '/api/v1/rollback', {
      json: { revision, ...filter },
      query: dryRun ? { dryRun: true } : {},
    });
    return normalizeApply(body, dryRun);
  }
}

export function objectPath(info: KindInfo, namespace: string, name: string): string {
  return `/api/v1/namespaces/${enc(namespace)}/${info.plural}/${enc(name)}`;
}

/** A list answer: a bare array, a Kubernetes-style `{ items }`, or `{ <key>: [...] }`. */
export function normalizeItems<T>(body: unknown, key?: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const b = (body ?? {}) as Record<string, unknown>;
  if (Array.isArray(b.items)) return b.items as T[];
  if (key && Array.isArray(b[key])) return b[key] as T[];
  return [];
}

type RawResult = Record<string, unknown> & { ref?: { kind?: string; namespace?: string; name?: string } };

export function normalizeApply(body: unknown, dryRun: boolean): ApplyResponse {
  const b = (body ?? {}) as Record<string, unknown>;
  const raw = (b.results ?? b.outcomes ?? b.items ?? []) as RawResult[];
  const results = raw.map((r): ApplyResult => {
    const ref = r.ref ?? {};
    const out: ApplyResult = {
      kind: String(ref.kind ?? r.kind ?? ''),
      namespace: (ref.namespace ?? r.namespace ?? null) as string | null,
      name: String(ref.name ?? r.name ?? ''),
      action: String(r.action ?? 'unchanged') as ApplyAction,
      before: (r.before ?? null) as Resource | null,
      after: (r.after ?? null) as Resource | null,
      revision: typeof r.revision === 'number' ? r.revision : null,
    };
    if (typeof r.reason === 'string') out.reason = r.reason;
    return out;
  });
  const findings = (b.findings ?? b.warnings ?? []) as Finding[];
  return { dryRun: typeof b.dryRun === 'boolean' ? b.dryRun : dryRun, results, findings };
}
