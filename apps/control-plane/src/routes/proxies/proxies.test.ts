import type { ProxyStatus } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetrySink } from '../../services/push/telemetry-sink.js';
import { serviceObject } from '../../testing/fixtures.js';
import { type TestApp, tempDir, testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';

describe('proxy push', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function listening(
    input: Parameters<typeof testApp>[0] = {},
    extra: Parameters<typeof testApp>[1] = {},
  ) {
    const t = await testApp(input, extra);
    cleanups.push(t.close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return { ...t, url };
  }
  async function proxy(url: string, token?: string) {
    const p = await TestProxy.connect(url, token);
    cleanups.push(() => p.close());
    return p;
  }
  const statusOf = async (t: TestApp, id: string) => {
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/proxy-status' })).json() as ProxyStatus[];
    return all.find((s) => s.proxy.id === id);
  };
  const waitStatus = async (t: TestApp, p: TestProxy, id: string, status: ProxyStatus['status']) => {
    await p.waitFor(
      () => t.app.services.registry.statuses().find((s) => s.proxy.id === id && s.status === status),
      `${id} ${status}`,
    );
    return (await statusOf(t, id))!;
  };

  it('refuses proxy connections without the token', async () => {
    const t = await listening({ auth: 'token' });
    await expect(TestProxy.connect(t.url)).rejects.toThrow('HTTP 401');
    await expect(TestProxy.connect(t.url, 'wrong-token-wrong-token')).rejects.toThrow('HTTP 401');
    const p = await proxy(t.url, t.app.services.auth.token!);
    p.hello({ id: 'a.default-1' });
    await p.waitFor(() => p.messages.find((m) => m.type === 'welcome'), 'welcome');
  });

  it('welcomes a proxy with a config snapshot and pushes every accepted change; ack ⇒ SYNCED', async () => {
    const t = await listening();
    const p = await proxy(t.url);
    p.hello({ id: 'sleep.default-1' });
    const first = await p.waitForConfig(() => true);
    expect(p.messages[0]).toMatchObject({ type: 'welcome', proxyId: 'sleep.default-1' });
    expect(first.resources).toEqual([]);
    p.send({ type: 'ack', version: first.version });
    expect((await waitStatus(t, p, 'sleep.default-1', 'SYNCED')).ackedVersion).toBe(first.version);

    await t.app.inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('httpbin'),
    });
    const second = await p.waitForConfig((s) => s.resources.length === 1, 'the pushed Service');
    expect(BigInt(second.version) > BigInt(first.version)).toBe(true);
    expect(second.resources[0]).toMatchObject({ kind: 'Service', metadata: { name: 'httpbin' } });
    expect((await statusOf(t, 'sleep.default-1'))!.status).toBe('STALE');
    p.send({ type: 'ack', version: second.version });
    await waitStatus(t, p, 'sleep.default-1', 'SYNCED');
  });

  it('shows NACKED with the proxy error, and NOT SENT before the first push', async () => {
    const t = await listening({}, { pushDebounceMs: 60_000 });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('a'),
    });
    // A push is pending (long debounce): the new proxy waits for it instead of getting the old snapshot.
    const p = await proxy(t.url);
    p.hello({ id: 'x.default-1' });
    await p.waitFor(() => p.messages.find((m) => m.type === 'welcome'), 'welcome');
    expect(await statusOf(t, 'x.default-1')).toMatchObject({
      status: 'NOT SENT',
      sentVersion: null,
      connected: true,
    });
    const snapshot = t.app.services.publisher.publish();
    await p.waitForConfig((s) => s.version === snapshot.version);
    expect((await statusOf(t, 'x.default-1'))!.status).toBe('STALE');
    p.send({ type: 'nack', version: snapshot.version, error: 'route table: bad regex' });
    const nacked = await waitStatus(t, p, 'x.default-1', 'NACKED');
    expect(nacked.nackError).toContain('route table: bad regex');
  });

  it('includes the endpoints of connected sidecars with an inbound listener', async () => {
    const t = await listening();
    const client = await proxy(t.url);
    client.hello({ id: 'sleep.default-1' });
    await client.waitForConfig(() => true);
    const server = await proxy(t.url);
    server.hello({
      id: 'httpbin-v1.default-1',
      workload: 'httpbin-v1',
      labels: { app: 'httpbin', version: 'v1' },
      inbound: '127.0.0.1:15006',
    });
    const withEndpoint = await client.waitForConfig((s) => s.endpoints.length === 1, 'the new endpoint');
    expect(withEndpoint.endpoints[0]).toEqual({
      proxyId: 'httpbin-v1.default-1',
      workload: 'httpbin-v1',
      namespace: 'default',
      labels: { app: 'httpbin', version: 'v1' },
      address: '127.0.0.1:15006',
    });
    const workloads = (await t.app.inject({ method: 'GET', url: '/api/v1/workloads' })).json();
    expect(workloads.map((w: { proxyId: string }) => w.proxyId)).toEqual([
      'httpbin-v1.default-1',
      'sleep.default-1',
    ]);
    await server.close();
    await client.waitForConfig((s) => s.endpoints.length === 0, 'the endpoint to go');
    expect((await statusOf(t, 'httpbin-v1.default-1'))!.connected).toBe(false);
  });

  it('refuses and counts malformed messages without dropping the connection', async () => {
    const t = await listening();
    const p = await proxy(t.url);
    const errors = () => p.messages.filter((m) => m.type === 'error');
    p.send('not json');
    p.send({ type: 'ack', version: '1' });
    p.send({ type: 'bogus' });
    p.send({
      type: 'hello',
      protocolVersion: 1,
      proxy: { id: 'a', workload: 'a', namespace: 'default', kind: 'robot' },
    });
    await p.waitFor(() => errors().length === 4, 'four errors');
    expect(errors().map((e) => e.type === 'error' && e.code)).toEqual(
      Array(4).fill('CP_ERR_PROXY_MESSAGE_INVALID'),
    );
    expect(errors()[3]).toMatchObject({ message: expect.stringContaining('proxy.kind') });
    expect(t.app.services.registry.counters.malformedMessages).toBe(4);
    p.hello({ id: 'a.default-1' });
    await p.waitForConfig(() => true);
    p.send({ type: 'nack', version: 5 });
    await p.waitFor(() => errors().length === 5, 'a fifth error');
    expect(p.closed).toBeNull();
  });

  it('closes a proxy speaking another protocol version', async () => {
    const t = await listening();
    const p = await proxy(t.url);
    p.hello({ id: 'old.default-1' }, 999);
    await p.waitFor(() => p.closed, 'close');
    expect(p.closed!.code).toBe(1008);
    expect(p.messages[0]).toMatchObject({ type: 'error', code: 'CP_ERR_PROXY_PROTOCOL_MISMATCH' });
  });

  it('disconnects a proxy that never says hello', async () => {
    const t = await listening({}, { helloTimeoutMs: 50 });
    const p = await proxy(t.url);
    await p.waitFor(() => p.closed, 'close');
    expect(p.closed!.code).toBe(1008);
    expect(p.messages[0]).toMatchObject({ type: 'error', code: 'CP_ERR_PROXY_HELLO_TIMEOUT' });
    expect(t.app.services.registry.counters.refusedConnections).toBe(1);
  });

  it('hands telemetry and flows to the sink', async () => {
    const seen: Array<[string, string, unknown]> = [];
    const sink: TelemetrySink = {
      telemetry: (proxy, payload) => seen.push(['telemetry', proxy.id, payload]),
      flows: (proxy, payload) => {
        seen.push(['flows', proxy.id, payload]);
        throw new Error('a broken sink must not drop the proxy');
      },
    };
    const t = await listening({}, { telemetrySink: sink });
    const p = await proxy(t.url);
    p.hello({ id: 'a.default-1' });
    await p.waitForConfig(() => true);
    p.send({ type: 'flows', payload: [{ id: 'f1' }] });
    p.send({ type: 'telemetry', payload: { edges: [] } });
    await p.waitFor(() => seen.length === 2, 'two sink calls');
    expect(seen).toEqual([
      ['flows', 'a.default-1', [{ id: 'f1' }]],
      ['telemetry', 'a.default-1', { edges: [] }],
    ]);
    expect(p.closed).toBeNull();
  });

  it('keeps snapshot versions increasing across restarts', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const versions: bigint[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await testApp({ data: dir.path });
      versions.push(BigInt(t.app.services.publisher.publish().version));
      versions.push(BigInt(t.app.services.publisher.publish().version));
      await t.close();
    }
    expect([...versions].sort((a, b) => (a < b ? -1 : 1))).toEqual(versions);
    expect(new Set(versions).size).toBe(4);
  });
});
