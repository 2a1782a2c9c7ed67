// Response shapes of the control plane's REST API (`/api/v1/…`), shared by the control plane that
// sends them and the dashboard and CLI that read them. Errors are `ApiErrorBody` (errors.ts); single
// objects are `MeshResource`; `/api/v1/proxy-status` is `ProxyStatus[]` (proxy-protocol.ts).
import type { ManifestFieldError } from '../manifests/parse-manifests.js';
import type { MeshKind } from '../resources/kinds.js';
import type { MeshResource } from '../resources/mesh-resource.js';
import type { Finding } from '../validation/finding.js';
import type { ProxyKind } from './proxy-protocol.js';

/** `GET /api/v1/{plural}` and `GET /api/v1/namespaces/{namespace}/{plural}`, as Kubernetes lists. */
export interface ResourceList<R extends MeshResource = MeshResource> {
  apiVersion: 'v1';
  /** `<Kind>List`, e.g. `VirtualServiceList`. */
  kind: string;
  /** The store's newest revision when the list was read. */
  metadata: { resourceVersion: string };
  items: R[];
}

/** `GET /api/v1/analyze` (the live config) and `POST /api/v1/analyze` (manifests laid over it). */
export interface AnalyzeResponse {
  findings: Finding[];
  /** Validation errors of the posted manifests (POST only). */
  errors: ManifestFieldError[];
}

/** What `POST /api/v1/apply` did with one document. */
export type ApplyAction = 'created' | 'configured' | 'unchanged' | 'skipped';

export interface ApplyResultItem {
  /** 0-based index of the YAML document (as kubectl counts them). */
  index: number;
  /** For `kind: List` documents: the index inside `items`. */
  item?: number;
  apiVersion: string;
  kind: string;
  /** Absent for skipped documents. */
  namespace?: string;
  name: string;
  action: ApplyAction;
  /** Why a document was skipped. */
  reason?: string;
  /** resourceVersion after the apply (absent for skipped documents and dry runs). */
  resourceVersion?: string;
}

/** `POST /api/v1/apply`: all documents or none. */
export interface ApplyResult {
  dryRun: boolean;
  /** Newest revision after the apply. */
  revision: number;
  results: ApplyResultItem[];
  /** Validation warnings and analysis findings (any level; advisory, they did not refuse the apply). */
  warnings: Finding[];
}

/** One object a rollback changed (objects it left unchanged are not listed). */
export interface RollbackResultItem {
  kind: MeshKind;
  namespace: string;
  name: string;
  action: 'created' | 'configured' | 'deleted';
  /** resourceVersion after the rollback (absent for deletions and dry runs). */
  resourceVersion?: string;
}

/** `POST /api/v1/rollback`: the rollback is itself a new write. */
export interface RollbackResult {
  dryRun: boolean;
  /** The revision the objects were put back to. */
  rollbackOf: number;
  /** Newest revision after the rollback. */
  revision: number;
  results: RollbackResultItem[];
  warnings: Finding[];
}

/** Which client made a change: from the `x-shadowmesh-client` header (default `api`). */
export type ClientKind = 'cli' | 'dashboard' | 'api';

export type RevisionOperation = 'create' | 'update' | 'delete';

/**
 * One accepted change of one object (`GET /api/v1/history/{revision}`); `revision` is also the
 * resourceVersion it gave the object.
 */
export interface RevisionRecord {
  revision: number;
  /** The first revision of the write (an apply or rollback of several objects shares one batch). */
  batch: number;
  /** ISO 8601 time of the write. */
  at: string;
  client: ClientKind;
  /** `tok-<8 hex>` for the API token, `ses-<8 hex>` for a dashboard session; null when auth is off. */
  tokenId: string | null;
  operation: RevisionOperation;
  kind: MeshKind;
  namespace: string;
  name: string;
  before: MeshResource | null;
  after: MeshResource | null;
  /** Set when the change was made by `POST /api/v1/rollback` to this revision. */
  rollbackOf: number | null;
}

/** `GET /api/v1/history`: newest first. */
export interface HistoryResponse {
  items: RevisionRecord[];
  /** Newest revision of the store. */
  headRevision: number;
}

/** `GET /api/v1/workloads`: one per registered sidecar. */
export interface WorkloadInstance {
  proxyId: string;
  kind: ProxyKind;
  workload: string;
  namespace: string;
  labels: Record<string, string>;
  /** host:port where other proxies send the workload's mesh traffic (its advertised address, see ProxyIdentity.advertise). */
  inbound: string | null;
  connected: boolean;
  /** ISO 8601 time the proxy was last heard from. */
  lastSeen: string;
}

/** `GET /api/v1/session`: who the caller is and what it may do. */
export interface SessionInfo {
  /** The server's auth mode. */
  auth: 'token' | 'none';
  /** True when the caller holds a credential (or auth is off). */
  signedIn: boolean;
  via: 'token' | 'session' | 'none' | null;
  canRead: boolean;
  canWrite: boolean;
}

/** `POST /api/v1/session/login-codes`: a new one-time dashboard login link. */
export interface LoginCodeResponse {
  code: string;
  loginUrl: string;
}

/** `GET`/`PUT /api/v1/demo/load`: the demo load generator's rate and counts since it started. */
export interface DemoLoadStatus {
  /** Requests per second the generator is asked to send (0: paused). */
  rps: number;
  maxRps: number;
  sent: number;
  /** Answers below 400, of 400 and above, and no answer (refused, reset, timeout). */
  ok: number;
  failed: number;
  errors: number;
  /** Due while every request slot was busy: not sent. */
  skipped: number;
}

/** `GET /api/v1/demo`: the running demo's controls (`load: null` when no demo runs). */
export interface DemoInfo {
  load: DemoLoadStatus | null;
}
