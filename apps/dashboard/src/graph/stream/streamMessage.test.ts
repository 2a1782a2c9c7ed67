import { describe, expect, it } from 'vitest';
import { httpbinGraph } from '../testGraph';
import { parseStreamMessage } from './streamMessage';

describe('parseStreamMessage', () => {
  it('reads a snapshot, a delta and an invalidation', () => {
    const snapshot = parseStreamMessage(JSON.stringify({ type: 'snapshot', seq: 1, graph: httpbinGraph() }));
    expect(snapshot.ok && snapshot.message.type).toBe('snapshot');
    const delta = parseStreamMessage(
      JSON.stringify({
        type: 'delta',
        seq: 2,
        timestamp: 't',
        upsertNodes: [],
        removeNodes: [],
        upsertEdges: [],
        removeEdges: [],
      }),
    );
    expect(delta.ok && delta.message.type).toBe('delta');
  });

  it('keeps only the invalidation keys it knows', () => {
    const result = parseStreamMessage(
      JSON.stringify({ type: 'invalidate', keys: ['proxy-status', 'flows', 3, 'resources'] }),
    );
    expect(result).toEqual({
      ok: true,
      message: { type: 'invalidate', keys: ['proxy-status', 'resources'] },
    });
  });

  it.each([
    [new ArrayBuffer(2), 'expected text'],
    ['{', 'not JSON'],
    ['[]', 'unknown type undefined'],
    ['null', 'expected an object'],
    ['{"type":"hello"}', 'unknown type "hello"'],
    ['{"type":"snapshot","seq":1}', 'snapshot.graph'],
    ['{"type":"snapshot","graph":{"nodes":[],"edges":[]}}', 'snapshot.seq'],
    ['{"type":"delta","seq":2,"upsertNodes":[]}', 'delta.removeNodes'],
    ['{"type":"invalidate"}', 'invalidate.keys'],
  ])('refuses %j, naming the field', (data, error) => {
    const result = parseStreamMessage(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(error);
  });
});
