import type { GraphNode, GraphResponse, GraphStreamMessage, GraphStreamSubscribe } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { heldStateOf, serializeGraph } from '../graph/graph-diff.js';
import type { StreamSocket, ViewState } from './stream-client.js';
import { StreamClient } from './stream-client.js';

/** A socket whose send buffer the test fills and drains by hand. */
class BufferingSocket implements StreamSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: GraphStreamMessage[] = [];

  send(data: string): void {
    this.sent.push(JSON.parse(data) as GraphStreamMessage);
  }
}

function view(rps: Record<string, number>, timestamp = 't'): ViewState {
  const nodes: GraphNode[] = Object.entries(rps).map(([id, inRps]) => ({
    id,
    kind: 'service',
    label: id,
    namespace: 'default',
    health: 'healthy',
    inRps,
    outRps: 0,
    errorRatio: 0,
  }));
  const graph: GraphResponse = {
    timestamp,
    durationSeconds: 60,
    graphType: 'service',
    namespaces: [],
    nodes,
    edges: [],
  };
  const serialized = serializeGraph(graph);
  return { serialized, held: heldStateOf(serialized) };
}

const SUB: GraphStreamSubscribe = {
  type: 'subscribe',
  namespaces: [],
  graphType: 'service',
  durationSeconds: 60,
};

describe('StreamClient', () => {
  it('sends a snapshot, then deltas against what it sent', () => {
    const socket = new BufferingSocket();
    const client = new StreamClient(socket, 0);
    expect(client.update(view({ a: 1 }))).toBe('idle'); // not subscribed yet
    client.subscribe(SUB);
    client.update(view({ a: 1 }));
    client.update(view({ a: 2, b: 1 }));
    client.update(view({ b: 1 }));
    expect(socket.sent.map((m) => m.type)).toEqual(['snapshot', 'delta', 'delta']);
    expect(socket.sent.map((m) => ('seq' in m ? m.seq : 0))).toEqual([1, 2, 3]);
    const [, d1, d2] = socket.sent;
    expect(d1).toMatchObject({ upsertNodes: [{ id: 'a', inRps: 2 }, { id: 'b' }], removeNodes: [] });
    expect(d2).toMatchObject({ upsertNodes: [], removeNodes: ['a'] });
  });

  it('skips ticks while the socket has not drained and then sends one coalesced delta', () => {
    const socket = new BufferingSocket();
    const client = new StreamClient(socket, 0);
    client.subscribe(SUB);
    client.update(view({ a: 1, b: 1, c: 1 }));
    socket.bufferedAmount = 1_000_000; // the client stopped reading
    for (let i = 0; i < 50; i++) expect(client.update(view({ a: i, b: 1, c: 1 }))).toBe('skipped');
    client.update(view({ a: 99, c: 1 }));
    expect(socket.sent).toHaveLength(1); // nothing queued while backed up
    expect(client.skippedTicks).toBe(51);
    socket.bufferedAmount = 0;
    client.update(view({ a: 100, c: 1, d: 1 }));
    expect(socket.sent).toHaveLength(2);
    expect(socket.sent[1]).toMatchObject({
      type: 'delta',
      seq: 2,
      upsertNodes: [{ id: 'a', inRps: 100 }, { id: 'd' }],
      removeNodes: ['b'],
    });
  });

  it('re-subscribing sends a new snapshot; invalidations merge while backed up', () => {
    const socket = new BufferingSocket();
    const client = new StreamClient(socket, 0);
    client.subscribe(SUB);
    client.update(view({ a: 1 }));
    socket.bufferedAmount = 10;
    client.invalidate(['resources']);
    client.invalidate(['proxy-status', 'resources']);
    client.subscribe({ ...SUB, durationSeconds: 300 });
    expect(socket.sent).toHaveLength(1);
    socket.bufferedAmount = 0;
    client.update(view({ a: 1 }));
    expect(socket.sent.slice(1)).toMatchObject([
      { type: 'invalidate', keys: ['proxy-status', 'resources'] },
      { type: 'snapshot', seq: 2 },
    ]);
  });

  it('allows five subscribes a second', () => {
    const client = new StreamClient(new BufferingSocket(), 0);
    for (let i = 0; i < 5; i++) expect(client.allowSubscribe(1000 + i)).toBe(true);
    expect(client.allowSubscribe(1100)).toBe(false);
    expect(client.allowSubscribe(2050)).toBe(true);
  });

  it('does nothing on a closed socket', () => {
    const socket = new BufferingSocket();
    const client = new StreamClient(socket, 0);
    client.subscribe(SUB);
    socket.readyState = 3;
    expect(client.update(view({ a: 1 }))).toBe('idle');
    client.invalidate(['history']);
    expect(socket.sent).toHaveLength(0);
  });
});
