// Analysis findings printed like `istioctl analyze`: `Error [SM0101] (VirtualService default/x) …`.
import type { Finding } from '@shadowmesh/api';
import { kindLabel } from './object-ref.js';

const LEVEL_WORD: Record<Finding['level'], string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const LEVEL_ORDER: Record<Finding['level'], number> = { error: 0, warning: 1, info: 2 };

/** One line: level, code, the object (and its source `file:line` when known), message and field. */
export function formatFinding(finding: Finding, source?: string): string {
  const r = finding.resource;
  const where = `${kindLabel(r.kind)} ${r.namespace}/${r.name}${source ? ` ${source}` : ''}`;
  const field = finding.field && !finding.message.includes(finding.field) ? ` (at ${finding.field})` : '';
  return `${LEVEL_WORD[finding.level] ?? finding.level} [${finding.code}] (${where}) ${finding.message}${field}`;
}

/** Errors first, then warnings, then infos; within a level by object then code (stable for tests and eyes). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const key = (f: Finding) => `${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`;
  return [...findings].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      key(a).localeCompare(key(b)) ||
      a.code.localeCompare(b.code) ||
      (a.field ?? '').localeCompare(b.field ?? ''),
  );
}

/** Drops exact repeats (the same finding from validation and from analysis). */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = JSON.stringify([f.code, f.resource, f.field ?? '', f.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
