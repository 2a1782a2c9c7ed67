import { parseDuration } from '../resources/duration.js';
import type { AnalysisCode } from './analysis-codes.js';
import type { Issue } from './finding.js';
import { checkLabelKey, checkLabelValue } from './names.js';

/** Collects the issues one resource's semantic rules find. */
export class RuleContext {
  readonly issues: Issue[] = [];

  /** An issue with a specific code. */
  add(code: AnalysisCode, field: string, message: string): void {
    this.issues.push({ code, field, message });
  }

  /** A generic webhook-style error (SM0901). */
  error(field: string, message: string): void {
    this.add('SM0901', field, message);
  }

  /** A generic webhook-style warning (SM0902). */
  warn(field: string, message: string): void {
    this.add('SM0902', field, message);
  }

  /** Istio durations: ≥1ms and whole milliseconds. */
  duration(field: string, value: string | undefined): void {
    if (value === undefined) return;
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch (err) {
      this.error(field, (err as Error).message);
      return;
    }
    if (ms < 1) this.error(field, `duration must be at least 1ms (got "${value}")`);
    else if (!Number.isInteger(Math.round(ms * 1e6) / 1e6)) {
      this.error(field, `only durations to ms precision are supported (got "${value}")`);
    }
  }

  /** A percentage in 0..100. */
  percent(field: string, value: number | undefined, code: AnalysisCode = 'SM0901'): void {
    if (value === undefined) return;
    if (value < 0) this.add(code, field, `percentage must have a min value of 0 (it has ${value})`);
    else if (value > 100) this.add(code, field, `percentage must have a max value of 100 (it has ${value})`);
  }

  /** A Kubernetes label map (labels, selectors, subset labels). */
  labels(field: string, map: Record<string, string> | undefined): void {
    for (const [k, v] of Object.entries(map ?? {})) {
      const keyError = checkLabelKey(k);
      if (keyError) this.error(fieldPath(field, k), keyError);
      const valueError = checkLabelValue(v);
      if (valueError) this.error(fieldPath(field, k), valueError);
    }
  }

  nonNegative(field: string, value: number | undefined): void {
    if (value !== undefined && value < 0) this.error(field, `must not be negative (got ${value})`);
  }
}

/** `spec.a` + `b` → `spec.a.b`; keys that are not identifiers are bracketed. */
export function fieldPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}
