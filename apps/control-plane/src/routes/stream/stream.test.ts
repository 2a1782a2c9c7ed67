import type { GraphResponse } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { JSON_HEADERS, serviceObject } from '../../testing/fixtures.js';
import { GraphStreamClient } from '../../testing/mesh/graph-stream-client.js';
import { edgeKey, requests, telemetryDelta } from '../../testing/mesh/telemetry-deltas.js';
import { testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';

describe('GET /api/v1/stream', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function listening(input: Parameters<typeof testApp>[0] = {}, tickMs = 100) {
    const t = await testApp(input, { stream: { tickMs } });
    cleanups.push(t.close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return { ...t, url };
  }
  async function stream(url: string, token?: string) {
    const s = await GraphStreamClient.connect(url, token);
    cleanups.push(() => s.close());
    return s;
  }
  async function proxy(url: string, id = 'sleep.default-1') {
    const p = await TestProxy.connect(url);
    cleanups.push(() => p.close());
    p.hello({ id, labels: { app: id.split('.')[0] ?? id } });
    await p.waitFor(() => p.messages.find((m) => m.type === 'welcome'), 'welcome');
    return p;
  }

  it('sends a snapshot, then deltas that keep the client graph equal to the server graph', async () => {
    const t = await listening();
    const s = await stream(t.url);
    s.subscribe({ durationSeconds: 10 });
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    expect(s.nodes.size).toBe(0);
    const p = await proxy(t.url);
    p.send({ type: 'telemetry', payload: telemetryDelta([requests(edgeKey(), 20)]) });
    await s.waitFor(() => s.edges.size === 2, 'two edges by delta');
    const seqs = s.messages.flatMap((m) => ('seq' in m ? [m.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const server = (
      await t.app.inject({ method: 'GET', url: '/api/v1/graph?duration=10s' })
    ).json() as GraphResponse;
    expect([...s.edges.keys()].sort()).toEqual(server.edges.map((e) => e.id));
    expect([...s.nodes.keys()].sort()).toEqual(server.nodes.map((n) => n.id));
    // Changing the view starts over with a snapshot.
    s.subscribe({ durationSeconds: 10, namespaces: ['elsewhere'] });
    await s.waitFor(() => s.of('snapshot').length === 2, 'second snapshot');
    expect(s.of('snapshot')[1]?.graph).toMatchObject({ namespaces: ['elsewhere'], nodes: [], edges: [] });
  });

  it('tells clients to refetch when config or proxy status changes', async () => {
    const t = await listening();
    const s = await stream(t.url);
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: JSON_HEADERS,
      payload: JSON.stringify([serviceObject('a'), serviceObject('b')]),
    });
    expect(applied.statusCode).toBe(200);
    const config = await s.waitFor(() => s.of('invalidate')[0], 'config invalidate');
    expect(config.keys).toEqual(['analyze', 'history', 'resources']);
    await proxy(t.url, 'client.default-1'); // client-only: no endpoint change, seen by the tick
    const status = await s.waitFor(
      () => s.of('invalidate').find((m) => m.keys.includes('proxy-status')),
      'proxy-status invalidate',
    );
    expect(status.keys).toEqual(['analyze', 'proxy-status']);
    expect(s.of('invalidate')).toHaveLength(2); // one apply = one invalidate
  });

  it('tells clients to refetch proxy status when a proxy ACKs a new config version (still SYNCED)', async () => {
    // No automatic ticks: the test ticks the hub itself, so STALE in between is never seen.
    const t = await listening({}, 3_600_000);
    const hub = t.app.telemetry.hub;
    const p = await proxy(t.url, 'client.default-1');
    const ackNewest = async (after: string | null) => {
      const snapshot = await p.waitFor(() => {
        const latest = p.latestConfig();
        return latest && latest.version !== after ? latest : null;
      }, 'a new snapshot');
      p.send({ type: 'ack', version: snapshot.version });
      await p.waitFor(
        () => t.app.services.registry.statuses()[0]?.ackedVersion === snapshot.version,
        'ACK recorded',
      );
      return snapshot.version;
    };
    const s = await stream(t.url);
    const first = await ackNewest(null);
    hub.tick();
    await s.waitFor(() => s.of('invalidate').find((m) => m.keys.includes('proxy-status')), 'proxy connected');
    const before = s.of('invalidate').length;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: JSON_HEADERS,
      payload: JSON.stringify([serviceObject('c')]),
    });
    await ackNewest(first);
    hub.tick();
    // SYNCED before and after: only the version moved, and the Proxies page shows it.
    await s.waitFor(
      () =>
        s
          .of('invalidate')
          .slice(before)
          .find((m) => m.keys.includes('proxy-status')),
      'proxy-status invalidate after the ACK',
    );
  });

  it.each([
    ['not json', 'message: must be a JSON object'],
    [{ type: 'hello' }, 'type: must be "subscribe"'],
    [{ type: 'subscribe', durationSeconds: 5 }, 'durationSeconds: must be whole seconds from 10s to 6h'],
    [{ type: 'subscribe', graphType: 'x' }, 'graphType: must be one of versionedApp, app, workload, service'],
  ])('closes with 1008 on a bad subscribe (%#)', async (message, reason) => {
    const t = await listening();
    const s = await stream(t.url);
    s.send(message);
    const closed = await s.waitFor(() => s.closed, 'close');
    expect(closed).toEqual({ code: 1008, reason });
  });

  it('needs a credential like any read when not on loopback', async () => {
    const t = await listening({ auth: 'token', listen: '0.0.0.0:0' });
    await expect(GraphStreamClient.connect(t.url)).rejects.toThrow('HTTP 401');
    const s = await stream(t.url, t.app.services.auth.token!);
    s.subscribe();
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
  });

  it('coalesces for a client that stops reading: bounded send buffer, then one catching-up delta', async () => {
    const t = await listening({}, 50);
    // 4,000 clients of one service: every second the graph changes everywhere (~2.5 MB of delta).
    const p = await proxy(t.url);
    const edges = Array.from({ length: 4000 }, (_, i) =>
      requests(
        edgeKey({ sourceWorkload: `client-${i}`, sourceApp: `client-${i}`, sourceVersion: 'v1' }),
        1 + (i % 5),
      ),
    );
    for (let at = 0; at < edges.length; at += 1000) {
      p.send({ type: 'telemetry', payload: telemetryDelta(edges.slice(at, at + 1000)) });
    }
    const s = await stream(t.url);
    s.subscribe({ durationSeconds: 60 });
    await s.waitFor(() => s.edges.size === 4001, 'the full graph', 10_000);
    const hub = t.app.telemetry.hub;
    const server = [...hub.clients][0]!;
    const bufferedAtStart = (server.socket as unknown as { bufferedAmount: number }).bufferedAmount;
    expect(bufferedAtStart).toBe(0);

    const graphBytes = (await t.app.inject({ method: 'GET', url: '/api/v1/graph?duration=60s' })).body.length;
    s.setReading(false);
    const received = s.messages.length;
    let maxBuffered = 0;
    const ticksBefore = hub.skippedTicks;
    const until = Date.now() + 6000;
    while (Date.now() < until) {
      maxBuffered = Math.max(maxBuffered, server.socket.bufferedAmount);
      await new Promise((r) => setTimeout(r, 20));
    }
    const skipped = hub.skippedTicks - ticksBefore;
    s.setReading(true);
    // Without coalescing ~6 full deltas (~15 MB) plus every tick would have queued; with it at most one
    // message (no bigger than the whole graph) waits in the process, and most ticks were skipped.
    expect(skipped).toBeGreaterThan(20);
    expect(maxBuffered).toBeLessThan(graphBytes * 1.2);
    await s.waitFor(() => s.messages.length > received + 1, 'catching up', 10_000);
    const graph = (
      await t.app.inject({ method: 'GET', url: '/api/v1/graph?duration=60s' })
    ).json() as GraphResponse;
    await s.waitFor(
      () =>
        [...s.edges.values()].every((e) => graph.edges.some((g) => g.id === e.id)) &&
        s.edges.size === graph.edges.length,
      'the client graph to match the server graph',
    );
  }, 30_000);
});
