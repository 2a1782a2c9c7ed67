/** Kubernetes-style object metadata, as stored and served by the control plane. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Server-set fields (never sent back by `get -o yaml`). */
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  uid?: string;
}

/** Any resource the mesh manages: apiVersion, kind, metadata, spec. */
export interface Resource<K extends string = string, S = unknown> {
  apiVersion: string;
  kind: K;
  metadata: ObjectMeta;
  spec: S;
}
