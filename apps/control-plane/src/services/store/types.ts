// Shapes of the store: objects, changes, outcomes and revisions. Served as JSON by the REST API.
import type { MeshKind, MeshResource } from '@shadowmesh/api';

/** Which client made a change: from the `x-shadowmesh-client` header (default `api`). */
export type ClientKind = 'cli' | 'dashboard' | 'api';
export const CLIENT_KINDS: readonly ClientKind[] = ['cli', 'dashboard', 'api'];

/** Who made a change: the client and the id (never the secret) of the credential used. */
export interface Actor {
  client: ClientKind;
  /** `tok-<8 hex>` for the API token, `ses-<8 hex>` for a dashboard session; null when auth is off. */
  tokenId: string | null;
}

export interface ObjectRef {
  kind: MeshKind;
  namespace: string;
  name: string;
}

export type PutMode = 'create' | 'update' | 'upsert';

export type Change =
  | {
      type: 'put';
      resource: MeshResource;
      /** create: must not exist (409); update: must exist (404); upsert: either (apply). */
      mode: PutMode;
      /** When set, the write is refused with 409 unless the stored object has this resourceVersion. */
      expectedResourceVersion?: string | undefined;
    }
  | { type: 'delete'; ref: ObjectRef; expectedResourceVersion?: string | undefined };

export type ChangeAction = 'created' | 'configured' | 'unchanged' | 'deleted';

export interface ChangeOutcome {
  ref: ObjectRef;
  action: ChangeAction;
  before: MeshResource | null;
  after: MeshResource | null;
  /** The revision that recorded it; null for `unchanged` (and for every outcome of a dry run). */
  revision: number | null;
}

export type RevisionOperation = 'create' | 'update' | 'delete';

/** One accepted change of one object. `revision` is also the resourceVersion it gave the object. */
export interface RevisionRecord {
  revision: number;
  /** The first revision of the write (an apply or rollback of several objects shares one batch). */
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
  /** Set when the change was made by `POST /api/v1/rollback` to this revision. */
  rollbackOf: number | null;
}

export interface HistoryFilter {
  kind?: MeshKind | undefined;
  namespace?: string | undefined;
  name?: string | undefined;
  /** Only revisions older than this one (paging). */
  before?: number | undefined;
  limit?: number | undefined;
}

export function refOf(resource: MeshResource): ObjectRef {
  return {
    kind: resource.kind,
    namespace: resource.metadata.namespace ?? 'default',
    name: resource.metadata.name,
  };
}

export function keyOf(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}
