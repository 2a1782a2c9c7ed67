// One `x-request-id` crosses many hops (gateway → front → back → store, as Istio apps forward it), and each
// routing proxy captures its own primary and copies under it. An exchange is one hop's primary with its
// copies: the request id, the workload that sent them, and the route (copies exist only on routes; a
// primary without one is keyed by its destination service).
import type { FlowRecord } from '@shadowmesh/api';

/** `<requestId>~<8 hex>`: the id of the exchange `record` belongs to (`GET /api/v1/flows/{id}`). */
export function flowExchangeId(
  record: Pick<FlowRecord, 'requestId' | 'source' | 'route' | 'destination'>,
): string {
  const hop = `${record.source.namespace}/${record.source.workload}|${record.route ?? record.destination.service}`;
  return `${record.requestId}~${fnv1a(hop)}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, and not a security boundary. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
