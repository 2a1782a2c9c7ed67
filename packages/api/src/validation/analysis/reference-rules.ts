import type { Destination } from '../../resources/destination.js';
import type { MeshResource } from '../../resources/mesh-resource.js';
import type { VirtualService } from '../../resources/virtual-service.js';
import type { Issue } from '../finding.js';
import { checkHTTPRouteRefs } from './gateway-api-reference-rules.js';
import type { MeshIndex } from './mesh-index.js';

interface DestinationRef {
  field: string;
  destination: Destination;
  mirror: boolean;
}

/** Every destination a VirtualService names, with its field path; mirrors flagged. */
export function destinationsOf(vs: VirtualService): DestinationRef[] {
  const out: DestinationRef[] = [];
  for (const [i, r] of (vs.spec.http ?? []).entries()) {
    for (const [j, d] of (r.route ?? []).entries()) {
      out.push({
        field: `spec.http[${i}].route[${j}].destination`,
        destination: d.destination,
        mirror: false,
      });
    }
    if (r.mirror) out.push({ field: `spec.http[${i}].mirror`, destination: r.mirror, mirror: true });
    for (const [j, m] of (r.mirrors ?? []).entries()) {
      out.push({
        field: `spec.http[${i}].mirrors[${j}].destination`,
        destination: m.destination,
        mirror: true,
      });
    }
  }
  for (const key of ['tcp', 'tls'] as const) {
    for (const [i, r] of (vs.spec[key] ?? []).entries()) {
      for (const [j, d] of (r.route ?? []).entries()) {
        out.push({
          field: `spec.${key}[${i}].route[${j}].destination`,
          destination: d.destination,
          mirror: false,
        });
      }
    }
  }
  return out;
}

function checkVirtualServiceRefs(vs: VirtualService, index: MeshIndex, issues: Issue[]): void {
  const ns = vs.metadata.namespace ?? 'default';
  for (const { field, destination: d, mirror } of destinationsOf(vs)) {
    const fqdn = index.resolve(d.host, ns);
    if (!index.hostExists(fqdn)) {
      issues.push({
        code: mirror ? 'SM0102' : 'SM0101',
        field: `${field}.host`,
        message: `Referenced ${mirror ? 'mirror host' : 'host'} not found: "${d.host}" (${fqdn} is neither a Service nor a ServiceEntry host)`,
      });
      continue;
    }
    if (d.subset !== undefined && index.subsetLabels(fqdn, d.subset) === undefined) {
      issues.push({
        code: mirror ? 'SM0104' : 'SM0103',
        field: `${field}.subset`,
        message: `Referenced ${mirror ? 'mirror+subset' : 'host+subset'} in destinationrule not found: subset "${d.subset}" of ${fqdn}`,
      });
      continue;
    }
    if (mirror) {
      const labels = d.subset !== undefined ? index.subsetLabels(fqdn, d.subset) : {};
      const endpoints = index.endpointsOf(fqdn, labels);
      if (endpoints && endpoints.length === 0) {
        issues.push({
          code: 'SM0305',
          field,
          message: `mirror target ${fqdn}${d.subset ? ` subset ${d.subset}` : ''} has no running workloads: mirrored copies are dropped`,
        });
      }
    }
  }
  const gatewayRefs: [string, string][] = (vs.spec.gateways ?? []).map((g, i) => [`spec.gateways[${i}]`, g]);
  for (const [i, r] of (vs.spec.http ?? []).entries()) {
    for (const [j, m] of (r.match ?? []).entries()) {
      for (const [k, g] of (m.gateways ?? []).entries())
        gatewayRefs.push([`spec.http[${i}].match[${j}].gateways[${k}]`, g]);
    }
  }
  for (const [field, g] of gatewayRefs) {
    if (g === 'mesh' || index.gatewayExists(g, ns)) continue;
    issues.push({ code: 'SM0105', field, message: `Referenced gateway not found: "${g}"` });
  }
}

/**
 * Cross-resource reference rules: hosts, subsets and gateways that do not exist, mirrors without endpoints;
 * HTTPRoute parents, backends and listeners that do not accept the route.
 */
export function checkReferences(r: MeshResource, index: MeshIndex): Issue[] {
  const issues: Issue[] = [];
  const ns = r.metadata.namespace ?? 'default';
  if (r.kind === 'VirtualService') checkVirtualServiceRefs(r, index, issues);
  else if (r.kind === 'HTTPRoute') checkHTTPRouteRefs(r, index, issues);
  else if (r.kind === 'DestinationRule' && !r.spec.host.startsWith('*')) {
    const fqdn = index.resolve(r.spec.host, ns);
    if (!index.hostExists(fqdn)) {
      issues.push({
        code: 'SM0106',
        field: 'spec.host',
        message: `The host ${fqdn} defined in the DestinationRule does not match any services in the mesh`,
      });
    } else {
      for (const [i, s] of (r.spec.subsets ?? []).entries()) {
        const endpoints = index.endpointsOf(fqdn, s.labels ?? {});
        if (endpoints && endpoints.length === 0) {
          issues.push({
            code: 'SM0401',
            field: `spec.subsets[${i}]`,
            message: `The subset ${s.name} defined in the DestinationRule does not select any running workload of ${fqdn}; traffic to it gets 503 (UH)`,
          });
        }
      }
    }
  } else if (r.kind === 'ShadowPolicy') {
    const fqdn = index.resolve(r.spec.host, ns);
    if (!index.hostExists(fqdn)) {
      issues.push({
        code: 'SM0107',
        field: 'spec.host',
        message: `The host ${fqdn} of the ShadowPolicy does not match any services in the mesh`,
      });
    }
  }
  return issues;
}
