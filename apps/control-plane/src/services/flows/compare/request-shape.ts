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
 * What noise learning and divergence counts group a primary by: its destination service and request
 * shape. One `x-request-id` crosses many hops (front → back → store); only the same service's answers
 * to the same shape may teach noise.
 */
export function flowShape(primary: Pick<FlowRecord, 'destination' | 'method' | 'path'>): string {
  return `${primary.destination.service} ${requestShape(primary.method, primary.path)}`;
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
