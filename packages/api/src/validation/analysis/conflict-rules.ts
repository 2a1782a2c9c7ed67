import type { MeshResource } from '../../resources/mesh-resource.js';
import type { AnalysisCode } from '../analysis-codes.js';
import type { Issue } from '../finding.js';
import { checkGatewayApiConflicts } from './gateway-api-conflict-rules.js';
import { gatewayKey, type MeshIndex } from './mesh-index.js';

type Keyed = { key: string; label: string; resource: MeshResource; field: string };

function byCreation(a: MeshResource, b: MeshResource): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta === tb ? keyOf(a).localeCompare(keyOf(b)) : ta < tb ? -1 : 1;
}

function keyOf(r: MeshResource): string {
  return `${r.metadata.namespace ?? 'default'}/${r.metadata.name}`;
}

function duplicates(items: Keyed[], code: AnalysisCode, what: string, out: Map<MeshResource, Issue[]>): void {
  const groups = new Map<string, Keyed[]>();
  for (const it of items) groups.set(it.key, [...(groups.get(it.key) ?? []), it]);
  for (const group of groups.values()) {
    const distinct = [...new Set(group.map((g) => g.resource))];
    if (distinct.length < 2) continue;
    const names = distinct.sort(byCreation).map(keyOf);
    for (const g of group) {
      const others = names.filter((n) => n !== keyOf(g.resource));
      const issue = {
        code,
        field: g.field,
        message: `${what} ${g.label} is also defined by ${others.join(', ')}`,
      };
      out.set(g.resource, [...(out.get(g.resource) ?? []), issue]);
    }
  }
}

/**
 * More than one VirtualService per host and gateway, DestinationRule per host, ShadowPolicy per host; mesh
 * HTTPRoutes that collide with a VirtualService or with each other.
 */
export function checkConflicts(
  resources: readonly MeshResource[],
  index: MeshIndex,
): Map<MeshResource, Issue[]> {
  const out = new Map<MeshResource, Issue[]>();
  const vsHosts: Keyed[] = [];
  const drHosts: Keyed[] = [];
  const spHosts: Keyed[] = [];
  for (const r of resources) {
    const ns = r.metadata.namespace ?? 'default';
    if (r.kind === 'VirtualService') {
      const gateways = r.spec.gateways?.length ? r.spec.gateways : ['mesh'];
      for (const [i, h] of (r.spec.hosts ?? []).entries()) {
        const host = index.resolve(h, ns);
        for (const g of gateways) {
          const gw = g === 'mesh' ? 'mesh' : gatewayKey(g, ns);
          vsHosts.push({
            key: `${gw}|${host}`,
            label: `${host} (gateway ${gw})`,
            resource: r,
            field: `spec.hosts[${i}]`,
          });
        }
      }
    } else if (r.kind === 'DestinationRule' && !r.spec.workloadSelector) {
      const host = index.resolve(r.spec.host, ns);
      drHosts.push({ key: host, label: host, resource: r, field: 'spec.host' });
    } else if (r.kind === 'ShadowPolicy') {
      const host = index.resolve(r.spec.host, ns);
      spHosts.push({ key: host, label: host, resource: r, field: 'spec.host' });
    }
  }
  duplicates(vsHosts, 'SM0501', 'VirtualService host', out);
  duplicates(drHosts, 'SM0403', 'DestinationRule host', out);
  duplicates(spHosts, 'SM0601', 'ShadowPolicy host', out);
  checkGatewayApiConflicts(resources, index, out);
  return out;
}
