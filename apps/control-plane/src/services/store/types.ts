// Shapes of the store: objects, changes and outcomes. Revisions (`RevisionRecord`), which the REST API
// serves as JSON, are a wire shape defined in @shadowmesh/api.
import type { ClientKind, MeshKind, MeshResource } from '@shadowmesh/api';

// A record, so that a ClientKind added in @shadowmesh/api fails to compile here until it is listed.
const CLIENT_KIND_SET: Readonly<Record<ClientKind, true>> = { cli: true, dashboard: true, api: true };

/** Every `ClientKind`, for checking the `x-shadowmesh-client` header. */
export const CLIENT_KINDS: readonly ClientKind[] = Object.freeze(
  Object.keys(CLIENT_KIND_SET) as ClientKind[],
);

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
