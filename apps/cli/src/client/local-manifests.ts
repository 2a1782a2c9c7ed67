// Parses `-f` sources on the client (same parser and validation as the server) and keeps where each object came from.
import {
  isServedApiVersion,
  type ManifestFieldError,
  type MeshKind,
  type MeshResource,
  manifestMeshKind,
  parseManifests,
  parseYamlDocuments,
  RESOURCE_SCHEMAS,
  type SkippedObject,
  schemaErrors,
} from '@shadowmesh/api';
import type { ManifestSource } from './manifest-input.js';
import { kindLabel } from './object-ref.js';

export interface LocatedError extends ManifestFieldError {
  /** `file.yaml:12:9` (or `file.yaml:12`). */
  location: string;
  /** The managed kind (`KubernetesGateway` for a Gateway API Gateway) when the document names one, else as written. */
  kind?: string;
  name?: string;
  /** The object's namespace (as written, else the default). */
  namespace: string;
  /** The object fits its schema and was refused only by a rule that `analyze` reports with its own code. */
  ruleOnly: boolean;
}

export interface LocalManifests {
  resources: MeshResource[];
  /** `Kind/namespace/name` → `file.yaml:line` where the object starts. */
  locations: Map<string, string>;
  skipped: SkippedObject[];
  /** Schema and rule errors of managed objects. */
  errors: LocatedError[];
  /** Objects that fit their schema but break a rule (e.g. SM0301 mirror and mirrors): analyze reports them by code. */
  ruleInvalid: MeshResource[];
  /** Malformed YAML: nothing can be said about these documents. */
  syntaxErrors: LocatedError[];
}

export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

export function parseLocalManifests(
  sources: readonly ManifestSource[],
  defaultNamespace = 'default',
): LocalManifests {
  const out: LocalManifests = {
    resources: [],
    locations: new Map(),
    skipped: [],
    errors: [],
    ruleInvalid: [],
    syntaxErrors: [],
  };
  for (const source of sources) {
    const parsed = parseManifests(source.text, { defaultNamespace });
    for (const entry of parsed.entries) {
      if (entry.status === 'resource') {
        const r = entry.resource;
        out.resources.push(r);
        out.locations.set(
          objectKey(r.kind, r.metadata.namespace ?? defaultNamespace, r.metadata.name),
          `${source.name}:${entry.line}`,
        );
      } else if (entry.status === 'skipped') {
        out.skipped.push(entry.skipped);
      } else {
        const raw = entry.errors.some((e) => e.field === '(yaml)')
          ? undefined
          : documentObject(source.text, entry.index, entry.item);
        const namespace = namespaceOf(raw) ?? defaultNamespace;
        const candidate = schemaValid(raw, namespace);
        if (candidate) {
          out.ruleInvalid.push(candidate);
          out.locations.set(
            objectKey(candidate.kind, namespace, candidate.metadata.name),
            `${source.name}:${entry.line}`,
          );
        }
        for (const e of entry.errors) {
          const line = e.line ?? entry.line;
          const location = `${source.name}:${line}${e.column ? `:${e.column}` : ''}`;
          // The YAML parser repeats the position in its message; the location already says it.
          const message = e.message.replace(/ at line \d+, column \d+:?$/, '');
          const located: LocatedError = {
            ...e,
            message,
            location,
            namespace,
            ruleOnly: candidate !== undefined,
          };
          if (entry.kind) located.kind = documentKind(entry.kind, raw) ?? entry.kind;
          if (entry.name) located.name = entry.name;
          (e.field === '(yaml)' ? out.syntaxErrors : out.errors).push(located);
        }
      }
    }
  }
  return out;
}

/** `file.yaml:12:9: VirtualService httpbin: spec.http[0].route[0].weight: must be >= 0`. */
export function formatLocatedError(e: LocatedError): string {
  const what = e.kind ? `${kindLabel(e.kind)}${e.name ? ` ${e.name}` : ''}: ` : '';
  const field = e.field === '(yaml)' || e.field === '(root)' ? '' : `${e.field}: `;
  return `${e.location}: ${what}${field}${e.message}`;
}

/**
 * The managed kind a document's `kind` denotes with its apiVersion (`Gateway` is Istio's or Gateway API's),
 * or undefined when it is not one.
 */
export function documentKind(kind: string, raw: unknown): MeshKind | undefined {
  const apiVersion = (raw as { apiVersion?: unknown } | undefined)?.apiVersion;
  return manifestMeshKind(kind, typeof apiVersion === 'string' ? apiVersion : '');
}

/** One document (or List item) as plain data, read leniently (for documents that failed validation). */
export function documentObject(text: string, index: number, item: number | undefined): unknown {
  try {
    const value = parseYamlDocuments(text, { logLevel: 'silent' })[index]?.toJS({
      maxAliasCount: 100,
    }) as unknown;
    if (item === undefined) return value;
    return ((value as { items?: unknown[] } | undefined)?.items ?? [])[item];
  } catch {
    return undefined; // a document that cannot even be read has nothing more to tell
  }
}

function namespaceOf(raw: unknown): string | undefined {
  const ns = (raw as { metadata?: { namespace?: unknown } } | undefined)?.metadata?.namespace;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/** The object when its kind, apiVersion and schema are right (so only a rule refused it), else undefined. */
function schemaValid(raw: unknown, namespace: string): MeshResource | undefined {
  const obj = raw as { kind?: unknown; apiVersion?: unknown; metadata?: unknown; spec?: unknown } | undefined;
  if (!obj || typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') return undefined;
  const kind = manifestMeshKind(obj.kind, obj.apiVersion);
  if (
    kind === undefined ||
    !isServedApiVersion(kind, obj.apiVersion) ||
    typeof obj.metadata !== 'object' ||
    obj.metadata === null
  ) {
    return undefined;
  }
  const candidate = { ...obj, kind, metadata: { ...(obj.metadata as object), namespace } };
  if (schemaErrors(RESOURCE_SCHEMAS[kind], candidate).length > 0) return undefined;
  return candidate as unknown as MeshResource; // checked against its kind's schema just above
}
