import type { AnalysisCode, FindingLevel } from './analysis-codes.js';

/** The object a finding is about. */
export interface FindingResource {
  kind: string;
  namespace: string;
  name: string;
}

/** One validation warning or analysis result: data with a stable code, never an exception. */
export interface Finding {
  code: AnalysisCode;
  level: FindingLevel;
  message: string;
  resource: FindingResource;
  /** Field path inside the resource, e.g. `spec.http[0].route[1].weight`. */
  field?: string;
}

/** A finding before it is attached to a resource (what per-resource rules produce). */
export interface Issue {
  code: AnalysisCode;
  field: string;
  message: string;
}
