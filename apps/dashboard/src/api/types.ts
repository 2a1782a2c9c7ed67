// Response shapes of the control plane's REST API that @shadowmesh/api does not (yet) export.
// TODO: import these from @shadowmesh/api once the control plane moves its response types there
// (SessionInfo, AnalyzeResponse, HistoryResponse, RevisionRecord, RollbackResult); until then they
// mirror apps/control-plane/src/routes/*/index.ts and services/store/types.ts.
import type { Finding, ManifestFieldError, MeshKind, MeshResource } from '@shadowmesh/api';

/** `GET /api/v1/session`. */
export interface SessionInfo {
  auth: 'token' | 'none';
  /** True when the caller holds a credential (or auth is off). */
  signedIn: boolean;
  via: 'token' | 'session' | 'none' | null;
  canRead: boolean;
  canWrite: boolean;
}

/** `GET /api/v1/{plural}` and `GET /api/v1/namespaces/{ns}/{plural}`. */
export interface ResourceList<R extends MeshResource = MeshResource> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: R[];
}

/** `GET|POST /api/v1/analyze`. */
export interface AnalyzeResponse {
  findings: Finding[];
  /** Validation errors of the posted manifests (POST only). */
  errors: ManifestFieldError[];
}

export type ClientKind = 'cli' | 'dashboard' | 'api';
export type RevisionOperation = 'create' | 'update' | 'delete';

/** One accepted change of one object; `revision` is also the resourceVersion it gave the object. */
export interface RevisionRecord {
  revision: number;
  batch: number;
  at: string;
  client: ClientKind;
  tokenId: string | null;
  operation: RevisionOperation;
  kind: MeshKind;
  namespace: string;
  name: string;
  before: MeshResource | null;
  after: MeshResource | null;
  rollbackOf: number | null;
}

/** `GET /api/v1/history`. */
export interface HistoryResponse {
  items: RevisionRecord[];
  headRevision: number;
}

/** `POST /api/v1/rollback`. */
export interface RollbackResult {
  dryRun: boolean;
  rollbackOf: number;
  revision: number;
  results: Array<{
    kind: MeshKind;
    namespace: string;
    name: string;
    action: string;
    resourceVersion?: string;
  }>;
  warnings: Finding[];
}

/** Which object a view is about. */
export interface ObjectRef {
  plural: string;
  namespace: string;
  name: string;
}
