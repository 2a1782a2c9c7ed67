// What parseManifests returns: one entry per document, the resources, skipped objects and located errors.
// Its own module so that the YAML helpers (yaml-depth, yaml-errors) can name these types without a cycle.
import type { FieldError } from '../errors.js';
import type { MeshResource } from '../resources/mesh-resource.js';
import type { Finding } from '../validation/finding.js';

/** An object in the input Shadowmesh does not manage (Deployment, Namespace, Secret…). */
export interface SkippedObject {
  kind: string;
  apiVersion: string;
  name: string;
  reason: string;
}

/** A field error located in the input text (1-based line and column). */
export interface ManifestFieldError extends FieldError {
  line?: number;
  column?: number;
}

export interface EntryBase {
  /** Index of the YAML document (0-based, counting empty ones), as kubectl reports it. */
  index: number;
  /** For `kind: List` documents: the index inside `items`. */
  item?: number;
  /** 1-based line where the document (or list item) starts. */
  line: number;
}

export type ManifestEntry =
  | (EntryBase & { status: 'resource'; resource: MeshResource; warnings: Finding[] })
  | (EntryBase & { status: 'skipped'; skipped: SkippedObject })
  | (EntryBase & { status: 'error'; kind?: string; name?: string; errors: ManifestFieldError[] });

export interface ParsedManifest {
  /** One entry per non-empty document (or List item), in input order. */
  entries: ManifestEntry[];
  resources: MeshResource[];
  skipped: SkippedObject[];
  /** Every error with its document index, line and column. */
  errors: ManifestFieldError[];
  warnings: Finding[];
  ok: boolean;
}
