import { NETWORKING_GROUP, SHADOWMESH_GROUP } from '../resources/kinds.js';

// Istio kinds of the groups we serve that Shadowmesh does not implement: skipped with a reason, not errors.
const UNIMPLEMENTED_ISTIO_KINDS = new Set([
  'Sidecar',
  'EnvoyFilter',
  'WorkloadEntry',
  'WorkloadGroup',
  'ProxyConfig',
]);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * Why an object with this kind/apiVersion is skipped rather than applied, or null when it is ours (and
 * therefore validated: a typo in a managed group's kind is an error, not silently skipped).
 */
export function skipReason(kind: string, apiVersion: string, managed: boolean): string | null {
  const group = groupOf(apiVersion);
  if (group === NETWORKING_GROUP || group === SHADOWMESH_GROUP) {
    if (!managed && UNIMPLEMENTED_ISTIO_KINDS.has(kind)) {
      return `${kind} (${apiVersion}) is an Istio kind Shadowmesh does not implement`;
    }
    return null;
  }
  if (group === '' && kind === 'Service') return null;
  if (managed) return `${kind} of ${apiVersion} is not the ${kind} Shadowmesh manages`;
  return `kind ${kind} (${apiVersion}) is not managed by Shadowmesh`;
}
