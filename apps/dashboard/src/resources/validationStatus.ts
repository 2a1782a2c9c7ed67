// The validation status of every stored object, from `GET /api/v1/analyze`.
import type { Finding } from '@shadowmesh/api';

export type ValidationState = 'valid' | 'info' | 'warning' | 'error';

export interface ObjectStatus {
  state: ValidationState;
  errors: number;
  warnings: number;
  infos: number;
  findings: Finding[];
}

export const VALID: ObjectStatus = Object.freeze({
  state: 'valid',
  errors: 0,
  warnings: 0,
  infos: 0,
  findings: [],
});

/** `Kind/namespace/name`: how statuses are looked up. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Findings grouped per object, with the worst level as the object's state. */
export function statusByObject(findings: readonly Finding[]): Map<string, ObjectStatus> {
  const byObject = new Map<string, ObjectStatus>();
  for (const f of findings) {
    const key = objectKey(f.resource.kind, f.resource.namespace, f.resource.name);
    const status = byObject.get(key) ?? { state: 'valid', errors: 0, warnings: 0, infos: 0, findings: [] };
    status.findings.push(f);
    if (f.level === 'error') status.errors += 1;
    else if (f.level === 'warning') status.warnings += 1;
    else status.infos += 1;
    status.state = status.errors > 0 ? 'error' : status.warnings > 0 ? 'warning' : 'info';
    byObject.set(key, status);
  }
  return byObject;
}

/** `2 errors, 1 warning` / `valid`. */
export function statusText(status: ObjectStatus): string {
  const parts: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (status.errors > 0) parts.push(plural(status.errors, 'error'));
  if (status.warnings > 0) parts.push(plural(status.warnings, 'warning'));
  if (status.infos > 0) parts.push(plural(status.infos, 'note'));
  return parts.length > 0 ? parts.join(', ') : 'valid';
}
