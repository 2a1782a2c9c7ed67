import { KINDS } from '../../resources/kinds.js';
import type { MeshResource } from '../../resources/mesh-resource.js';
import { ANALYSIS_CODES } from '../analysis-codes.js';
import type { Finding, Issue } from '../finding.js';
import { checkResourceRules } from '../resource-rules.js';
import { checkConflicts } from './conflict-rules.js';
import { type AnalysisWorkload, MeshIndex } from './mesh-index.js';
import { checkReferences } from './reference-rules.js';

const KIND_ORDER = new Map<string, number>(KINDS.map((k, i) => [k.kind, i]));
const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * `istioctl analyze` for Shadowmesh: every single-resource rule (webhook rules, weights, mirrors) plus the
 * cross-resource ones (hosts, subsets and gateways that do not exist, duplicate hosts, subsets or mirrors
 * without workloads). Pass `workloads` (the running sidecars) to enable the workload rules (SM0305, SM0401);
 * omit it when nothing is known about them. Findings are sorted by kind, namespace, name, then field.
 */
export function analyze(
  resources: readonly MeshResource[],
  workloads?: readonly AnalysisWorkload[],
): Finding[] {
  const index = new MeshIndex(resources, workloads);
  const conflicts = checkConflicts(resources, index);
  const findings: Finding[] = [];
  for (const r of resources) {
    const issues: Issue[] = [
      ...checkResourceRules(r),
      ...checkReferences(r, index),
      ...(conflicts.get(r) ?? []),
    ];
    const ref = { kind: r.kind, namespace: r.metadata.namespace ?? 'default', name: r.metadata.name };
    for (const i of issues) {
      findings.push({
        code: i.code,
        level: ANALYSIS_CODES[i.code].level,
        message: i.message,
        resource: ref,
        field: i.field,
      });
    }
  }
  return findings.sort(
    (a, b) =>
      (KIND_ORDER.get(a.resource.kind) ?? 99) - (KIND_ORDER.get(b.resource.kind) ?? 99) ||
      a.resource.namespace.localeCompare(b.resource.namespace) ||
      a.resource.name.localeCompare(b.resource.name) ||
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.field ?? '').localeCompare(b.field ?? '') ||
      a.code.localeCompare(b.code),
  );
}
