// Reads one `/api/v1/stream` message. The control plane is trusted to send the documented shapes;
// this checks enough that a malformed or unknown message is reported and skipped, never thrown
// out of the socket callback.
import type { GraphStreamMessage } from '@shadowmesh/api';

export type InvalidateKey = Extract<GraphStreamMessage, { type: 'invalidate' }>['keys'][number];

const INVALIDATE_KEYS: ReadonlySet<string> = new Set<InvalidateKey>([
  'resources',
  'proxy-status',
  'analyze',
  'history',
]);

export type StreamMessageResult = { ok: true; message: GraphStreamMessage } | { ok: false; error: string };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isArray = Array.isArray;

function fail(error: string): StreamMessageResult {
  return { ok: false, error };
}

export function parseStreamMessage(data: unknown): StreamMessageResult {
  if (typeof data !== 'string') return fail('stream message: expected text');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return fail('stream message: not JSON');
  }
  if (!isObject(value)) return fail('stream message: expected an object');
  switch (value.type) {
    case 'snapshot': {
      const graph = value.graph;
      if (typeof value.seq !== 'number') return fail('snapshot.seq: expected a number');
      if (!isObject(graph) || !isArray(graph.nodes) || !isArray(graph.edges)) {
        return fail('snapshot.graph: expected nodes and edges');
      }
      return { ok: true, message: value as GraphStreamMessage };
    }
    case 'delta': {
      if (typeof value.seq !== 'number') return fail('delta.seq: expected a number');
      for (const field of ['upsertNodes', 'removeNodes', 'upsertEdges', 'removeEdges']) {
        if (!isArray(value[field])) return fail(`delta.${field}: expected an array`);
      }
      return { ok: true, message: value as GraphStreamMessage };
    }
    case 'invalidate': {
      if (!isArray(value.keys)) return fail('invalidate.keys: expected an array');
      // Keys this dashboard does not know (a newer server) are left out, not an error.
      const keys = value.keys.filter(
        (k): k is InvalidateKey => typeof k === 'string' && INVALIDATE_KEYS.has(k),
      );
      return { ok: true, message: { type: 'invalidate', keys } };
    }
    default:
      return fail(`stream message: unknown type ${JSON.stringify(value.type)}`);
  }
}
