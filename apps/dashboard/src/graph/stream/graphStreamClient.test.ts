// Against a real WebSocket server on loopback (`ws`), with `ws`'s client standing in for the browser's.
import type { GraphResponse, GraphStreamSubscribe } from '@shadowmesh/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { startWsTestServer, type WsTestServer } from '../../api/testing/wsTestServer';
import { httpbinGraph } from '../testGraph';
import type { GraphDelta } from './applyDelta';
import { GraphStreamClient, type LiveStatus, type WebSocketLike } from './graphStreamClient';
import type { InvalidateKey } from './streamMessage';

const VIEW: GraphStreamSubscribe = {
  type: 'subscribe',
  namespaces: ['default'],
  graphType: 'versionedApp',
  durationSeconds: 60,
};

function recorder() {
  return {
    snapshots: [] as GraphResponse[],
    deltas: [] as GraphDelta[],
    invalidations: [] as InvalidateKey[][],
    statuses: [] as LiveStatus[],
    errors: [] as string[],
  };
}

function delta(seq: number): GraphDelta {
  return {
    type: 'delta',
    seq,
    timestamp: 't',
    upsertNodes: [],
    removeNodes: [],
    upsertEdges: [],
    removeEdges: [],
  };
}

let harness: WsTestServer;
let client: GraphStreamClient | null = null;
let log: ReturnType<typeof recorder>;

function startClient(options: { stallMs?: number; deadMs?: number } = {}): GraphStreamClient {
  log = recorder();
  client = new GraphStreamClient({
    url: harness.url,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    onSnapshot: (graph) => log.snapshots.push(graph),
    onDelta: (d) => log.deltas.push(d),
    onInvalidate: (keys) => log.invalidations.push(keys),
    onStatus: (status) => log.statuses.push(status),
    onProtocolError: (error) => log.errors.push(error),
    random: () => 0,
    ...options,
  });
  client.start();
  return client;
}

const send = (index: number, message: unknown) => harness.send(index, message);

beforeEach(async () => {
  harness = await startWsTestServer('/api/v1/stream');
});

afterEach(async () => {
  client?.stop();
  client = null;
  await harness.close();
});

describe('GraphStreamClient', () => {
  it('subscribes, follows snapshot then deltas, and applies invalidations', async () => {
    const c = startClient();
    c.subscribe(VIEW);
    await vi.waitFor(() => expect(harness.received[0]).toEqual([JSON.stringify(VIEW)]));
    expect(c.status).toBe('connecting');
    send(0, { type: 'snapshot', seq: 7, graph: httpbinGraph() });
    await vi.waitFor(() => expect(c.status).toBe('live'));
    send(0, delta(8));
    send(0, delta(9));
    send(0, { type: 'invalidate', keys: ['proxy-status'] });
    await vi.waitFor(() => expect(log.invalidations).toEqual([['proxy-status']]));
    expect(log.snapshots).toHaveLength(1);
    expect(log.deltas.map((d) => d.seq)).toEqual([8, 9]);
    expect(log.statuses).toEqual(['connecting', 'live']);
  });

  it('ignores a snapshot for another view, and asks again when a delta is missed', async () => {
    const c = startClient();
    c.subscribe(VIEW);
    await vi.waitFor(() => expect(harness.received[0]).toHaveLength(1));
    send(0, { type: 'snapshot', seq: 1, graph: { ...httpbinGraph(), graphType: 'service' } });
    send(0, delta(2));
    send(0, { type: 'snapshot', seq: 3, graph: httpbinGraph() });
    send(0, delta(5));
    await vi.waitFor(() => expect(harness.received[0]).toHaveLength(2));
    expect(log.snapshots).toHaveLength(1);
    expect(log.deltas).toEqual([]);
    expect(c.status).toBe('live');
  });

  it('reports unreadable messages and carries on', async () => {
    const c = startClient();
    await vi.waitFor(() => expect(c.status).toBe('live'));
    harness.connections[0]?.send('not json');
    send(0, { type: 'invalidate', keys: ['resources'] });
    await vi.waitFor(() => expect(log.invalidations).toEqual([['resources']]));
    expect(log.errors).toEqual(['stream message: not JSON']);
  });

  it('reconnects after the server drops it and subscribes again', async () => {
    const c = startClient();
    c.subscribe(VIEW);
    await vi.waitFor(() => expect(harness.connections).toHaveLength(1));
    send(0, { type: 'snapshot', seq: 1, graph: httpbinGraph() });
    await vi.waitFor(() => expect(c.status).toBe('live'));
    harness.connections[0]?.terminate();
    await vi.waitFor(() => expect(log.statuses).toContain('reconnecting'));
    await vi.waitFor(() => expect(harness.received[1]).toEqual([JSON.stringify(VIEW)]));
    send(1, { type: 'snapshot', seq: 1, graph: httpbinGraph() });
    await vi.waitFor(() => expect(c.status).toBe('live'));
    expect(log.snapshots).toHaveLength(2);
  });

  it('shows a stalled view when updates stop, then drops the silent socket and reconnects', async () => {
    const c = startClient({ stallMs: 300, deadMs: 1500 });
    c.subscribe(VIEW);
    await vi.waitFor(() => expect(harness.connections).toHaveLength(1));
    send(0, { type: 'snapshot', seq: 1, graph: httpbinGraph() });
    await vi.waitFor(() => expect(c.status).toBe('live'));
    await vi.waitFor(() => expect(c.status).toBe('stalled'), { timeout: 3000 });
    await vi.waitFor(() => expect(harness.received[1]).toEqual([JSON.stringify(VIEW)]), { timeout: 5000 });
    expect(log.statuses).toEqual(['connecting', 'live', 'stalled', 'reconnecting']);
  });

  it('without a subscription it is live on open; dropping the subscription opens a fresh connection', async () => {
    const c = startClient();
    await vi.waitFor(() => expect(c.status).toBe('live'));
    expect(harness.received[0]).toEqual([]);
    c.subscribe(VIEW);
    await vi.waitFor(() => expect(harness.received[0]).toHaveLength(1));
    c.subscribe(VIEW);
    c.subscribe(null);
    await vi.waitFor(() => expect(harness.connections).toHaveLength(2));
    await vi.waitFor(() => expect(c.status).toBe('live'));
    expect(harness.received[1]).toEqual([]);
    expect(harness.received[0]).toHaveLength(1);
  });

  it('stop closes the socket and never reconnects', async () => {
    const c = startClient();
    await vi.waitFor(() => expect(c.status).toBe('live'));
    const closed = new Promise<void>((resolve) => harness.connections[0]?.once('close', () => resolve()));
    c.stop();
    await closed;
    expect(c.status).toBe('closed');
    // Reconnects would have come within the 250 ms first delay; the server's close proves the socket went.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(harness.connections).toHaveLength(1);
  });

  it('retries with backoff while the server is unreachable', async () => {
    await harness.close();
    const c = startClient();
    await vi.waitFor(() => expect(c.status).toBe('reconnecting'));
    c.stop();
    harness = await startWsTestServer('/api/v1/stream');
  });
});
