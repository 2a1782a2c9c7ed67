// `get -o yaml|json`: objects as a user would write them, so the output applies again (here or with kubectl).
import { manifestForm, type Resource } from '@shadowmesh/api';
import { stringify } from 'yaml';

/** Metadata the server sets; `kubectl apply` of an object carrying them fails or misbehaves. */
export const SERVER_METADATA_FIELDS: readonly string[] = [
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

/** What `-o yaml|json` prints of a resource: apiVersion, kind, metadata without server fields, spec. */
export interface CleanResource {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string };
  spec?: unknown;
}

/**
 * Drops server fields (metadata.resourceVersion, generation, uid, creationTimestamp…, and `status`) and
 * orders keys as people write them: apiVersion, kind, metadata (name, namespace, labels, annotations), spec.
 * Empty labels/annotations maps are dropped. The kind is the manifest's (`KubernetesGateway` is `kind: Gateway`).
 */
export function cleanResource(resource: Resource | Record<string, unknown>): CleanResource {
  const r = resource as Partial<Resource> & Record<string, unknown>;
  const meta = (r.metadata ?? {}) as unknown as Record<string, unknown>;
  const metadata: Record<string, unknown> = { name: meta.name };
  if (meta.namespace !== undefined) metadata.namespace = meta.namespace;
  for (const key of ['labels', 'annotations']) {
    const map = meta[key];
    if (map && typeof map === 'object' && Object.keys(map).length > 0) metadata[key] = map;
  }
  for (const [key, value] of Object.entries(meta)) {
    if (
      key in metadata ||
      SERVER_METADATA_FIELDS.includes(key) ||
      key === 'labels' ||
      key === 'annotations'
    ) {
      continue;
    }
    if (value !== undefined) metadata[key] = value;
  }
  const out: CleanResource = {
    apiVersion: String(r.apiVersion ?? ''),
    kind: manifestForm({ kind: String(r.kind ?? '') }).kind,
    metadata: metadata as CleanResource['metadata'],
  };
  if (r.spec !== undefined) out.spec = r.spec;
  return out;
}

/** One YAML document (ends with a newline, no `---`), laid out as kubectl does; long strings are never folded. */
export function toYamlDocument(value: unknown): string {
  return stringify(value, { lineWidth: 0, minContentWidth: 0, indentSeq: false });
}

/** Several objects as multi-document YAML (`---` between documents), which both apply and kubectl read. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYamlDocument).join('---\n');
}

/** JSON as kubectl prints it: one object, or a `v1` `List` of items when several (or none) were asked for. */
export function toJsonOutput(values: readonly unknown[], single: boolean): string {
  const value = single && values.length === 1 ? values[0] : { apiVersion: 'v1', kind: 'List', items: values };
  return `${JSON.stringify(value, null, 4)}\n`;
}
