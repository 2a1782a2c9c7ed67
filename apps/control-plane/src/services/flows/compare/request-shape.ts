// The request shape that noise learning groups primaries by (Diffy's "endpoint"): method, path
// without the query, and the sorted, de-duplicated query keys without their values.
import type { FlowRecord } from '@shadowmesh/api';

/** method + path + sorted query keys, e.g. `GET /items?limit&page`. */
export function requestShape(method: string, path: string): string {
  const q = path.indexOf('?');
  const pathOnly = stripFragment(q === -1 ? path : path.slice(0, q));
  const shape = `${method.toUpperCase()} ${pathOnly === '' ? '/' : pathOnly}`;
  if (q === -1) return shape;
  const keys = new Set<string>();
  for (const part of stripFragment(path.slice(q + 1)).split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    keys.add(decodeKey(eq === -1 ? part : part.slice(0, eq)));
  }
  return keys.size === 0 ? shape : `${shape}?${[...keys].sort().join('&')}`;
}

/**
 * What noise learning and divergence counts group a primary by: the service and version that answered,
 * and the request shape. Only answers of one version to one shape may teach noise: two versions of a
 * canary split differ on purpose, and another service on the same path (front → back → store share a
 * request id and often a path) answers something else entirely.
 */
export function flowShape(primary: Pick<FlowRecord, 'destination' | 'method' | 'path'>): string {
  const { service, version, subset } = primary.destination;
  return `${service} ${version ?? subset ?? '-'} ${requestShape(primary.method, primary.path)}`;
}

function stripFragment(s: string): string {
  const hash = s.indexOf('#');
  return hash === -1 ? s : s.slice(0, hash);
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key; // a malformed escape: keep the raw key, it still names the shape
  }
}
