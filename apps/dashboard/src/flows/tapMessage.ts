// Reads one `/api/v1/tap` message. Checks enough of the documented shapes that a malformed or
// unknown message is reported and skipped, never thrown out of the socket callback.
import type { TapStreamMessage } from '@shadowmesh/api';

export type TapMessageResult = { ok: true; message: TapStreamMessage } | { ok: false; error: string };

type Fields = Record<string, unknown>;
const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

function fail(error: string): TapMessageResult {
  return { ok: false, error };
}

export function parseTapMessage(data: unknown): TapMessageResult {
  if (typeof data !== 'string') return fail('tap message: expected text');
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return fail('tap message: not JSON');
  }
  if (!isObject(value)) return fail('tap message: expected an object');
  switch (value.type) {
    case 'flow': {
      const flow = value.flow;
      if (!isObject(flow)) return fail('flow.flow: expected an object');
      if (typeof flow.id !== 'string') return fail('flow.flow.id: expected a string');
      if (typeof flow.requestId !== 'string') return fail('flow.flow.requestId: expected a string');
      if (typeof flow.startTime !== 'number') return fail('flow.flow.startTime: expected a number');
      if (!Array.isArray(flow.copies)) return fail('flow.flow.copies: expected an array');
      if (!Array.isArray(flow.comparisons)) return fail('flow.flow.comparisons: expected an array');
      if (typeof flow.pendingCopies !== 'number') return fail('flow.flow.pendingCopies: expected a number');
      if (flow.primary !== null && !isObject(flow.primary))
        return fail('flow.flow.primary: expected an object');
      return { ok: true, message: value as TapStreamMessage };
    }
    case 'dropped':
      if (typeof value.count !== 'number' || value.count < 0) return fail('dropped.count: expected a count');
      return { ok: true, message: { type: 'dropped', count: value.count } };
    case 'error': {
      if (typeof value.code !== 'string' || typeof value.message !== 'string') {
        return fail('error: expected code and message');
      }
      const message: TapStreamMessage = { type: 'error', code: value.code, message: value.message };
      if (typeof value.field === 'string') message.field = value.field;
      return { ok: true, message };
    }
    default:
      return fail(`tap message: unknown type ${JSON.stringify(value.type)}`);
  }
}
