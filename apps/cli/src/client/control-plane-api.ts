// The control plane's REST endpoints as the CLI uses them. Request and response shapes are the wire
// types of @shadowmesh/api, which the control plane sends; the one check kept here is that a 2xx
// answer is JSON at all (a --server that is not a Shadowmesh control plane answers HTML or text).
import type {
  AnalyzeResponse,
  ApplyResult,
  Finding,
  HistoryResponse,
  KindInfo,
  MeshKind,
  ProxyStatus,
  Resource,
  ResourceList,
  RevisionRecord,
  RollbackResult,
} from '@shadowmesh/api';
import { ApiClient, type HttpMethod, type RequestOptions } from './api-client.js';
import { CliError } from './cli-error.js';
import type { ClientSettings } from './client-options.js';

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
  apply(manifests: string, options: { dryRun: boolean; namespace?: string }): Promise<ApplyResult> {
    return this.#json<ApplyResult>('POST', '/api/v1/apply', {
      text: manifests,
      contentType: 'application/yaml',
      query: { ...(options.dryRun ? { dryRun: true } : {}), namespace: options.namespace },
    });
  }

  async list(info: KindInfo, options: ListOptions): Promise<Resource[]> {
    const path =
      options.namespace === null
        ? `/api/v1/${info.plural}`
        : `/api/v1/namespaces/${enc(options.namespace)}/${info.plural}`;
    const query = options.labelSelector ? { labelSelector: options.labelSelector } : {};
    return (await this.#json<ResourceList>('GET', path, { query })).items;
  }

  /** One object, served in `apiVersion` when given (objects are stored once, in the preferred version). */
  get(info: KindInfo, namespace: string, name: string, apiVersion?: string): Promise<Resource> {
    return this.#json<Resource>('GET', objectPath(info, namespace, name), { query: { apiVersion } });
  }

  async delete(info: KindInfo, namespace: string, name: string): Promise<void> {
    await this.http.request<unknown>('DELETE', objectPath(info, namespace, name));
  }

  /** `GET /api/v1/analyze`: findings on the live config. */
  async analyze(namespace?: string): Promise<Finding[]> {
    return (await this.#json<AnalyzeResponse>('GET', '/api/v1/analyze', { query: { namespace } })).findings;
  }

  /** `POST /api/v1/analyze`: findings on the live config with these manifests laid over it (stores nothing). */
  async analyzeOverLive(manifests: string, namespace?: string): Promise<Finding[]> {
    const body = await this.#json<AnalyzeResponse>('POST', '/api/v1/analyze', {
      text: manifests,
      contentType: 'application/yaml',
      query: { namespace },
    });
    return body.findings;
  }

  proxyStatus(): Promise<ProxyStatus[]> {
    return this.#json<ProxyStatus[]>('GET', '/api/v1/proxy-status');
  }

  /** `GET /api/v1/history`: revisions, newest first. */
  async history(query: HistoryQuery): Promise<RevisionRecord[]> {
    return (await this.#json<HistoryResponse>('GET', '/api/v1/history', { query: { ...query } })).items;
  }

  /** `POST /api/v1/rollback`: objects (all, or those matching kind/namespace/name) as right after `revision`. */
  rollback(
    revision: number,
    options: { dryRun: boolean; kind?: MeshKind; namespace?: string; name?: string },
  ): Promise<RollbackResult> {
    const { dryRun, ...filter } = options;
    return this.#json<RollbackResult>('POST', '/api/v1/rollback', {
      json: { revision, ...filter },
      query: dryRun ? { dryRun: true } : {},
    });
  }

  /** A request whose 2xx answer must be a JSON object or array (typed by the shared wire shapes). */
  async #json<T extends object>(method: HttpMethod, path: string, options?: RequestOptions): Promise<T> {
    const body = await this.http.request<unknown>(method, path, options);
    if (typeof body !== 'object' || body === null) {
      throw new CliError(
        `${this.server} answered ${method} ${path} without JSON: is it a Shadowmesh control plane? (check --server)`,
      );
    }
    return body as T;
  }
}

export function objectPath(info: KindInfo, namespace: string, name: string): string {
  return `/api/v1/namespaces/${enc(namespace)}/${info.plural}/${enc(name)}`;
}
