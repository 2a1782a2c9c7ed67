// Endpoints survive a control-plane restart: the first proxy back gets a snapshot with the endpoints of
// those not back yet (they still serve), whether the previous run crashed or shut down cleanly; an
// endpoint whose proxy left while the control plane ran is not restored. Real loopback WebSockets.
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../testing/mesh/wait-until.js';
import { tempDir, testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';

describe('endpoints across control-plane restarts', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function controlPlane(dataDir: string) {
    const t = await testApp({ data: dataDir });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await t.app.close();
    };
    cleanups.push(close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return { ...t, url, close };
  }

  async function sidecar(url: string, id: string, inbound: string | null) {
    const p = await TestProxy.connect(url);
    cleanups.push(() => p.close());
    p.hello({ id, inbound });
    const config = await p.waitForConfig(() => true);
    p.send({ type: 'ack', version: config.version });
    return p;
  }

  it('restores the endpoints of a run that was never shut down (a crash)', async () => {
    const dir = tempDir('shadowmesh-restore-');
    cleanups.push(dir.remove);
    const first = await controlPlane(dir.path);
    await sidecar(first.url, 'httpbin-v1.default-aaaaaa', '127.0.0.1:7001');
    const leaving = await sidecar(first.url, 'httpbin-v2.default-bbbbbb', '127.0.0.1:7002');
    await leaving.close();
    // Forgotten a second after it left (a shutdown closing it would not get that far).
    await waitUntil(
      () => first.app.services.store.proxyEndpoints.all().length === 1,
      'the endpoint of the proxy that left to be forgotten',
      5_000,
    );
    // The first run keeps running (never cleaned up): a second one opens the same data directory.
    const second = await controlPlane(dir.path);
    const client = await TestProxy.connect(second.url);
    cleanups.push(() => client.close());
    client.hello({ id: 'sleep.default-cccccc' });
    const snapshot = await client.waitForConfig(() => true);
    expect(snapshot.endpoints.map((e) => [e.proxyId, e.address])).toEqual([
      ['httpbin-v1.default-aaaaaa', '127.0.0.1:7001'],
    ]);
  });

  it('restores them after a clean shutdown too, and a reconnecting proxy takes its entry over', async () => {
    const dir = tempDir('shadowmesh-restore-');
    cleanups.push(dir.remove);
    const first = await controlPlane(dir.path);
    const v1 = await sidecar(first.url, 'httpbin-v1.default-aaaaaa', '127.0.0.1:7001');
    await first.close();
    await v1.waitFor(() => v1.closed, 'the shutdown to close the proxy connection');
    const second = await controlPlane(dir.path);
    expect(second.app.services.registry.endpoints().map((e) => e.proxyId)).toEqual([
      'httpbin-v1.default-aaaaaa',
    ]);
    await sidecar(second.url, 'httpbin-v1.default-aaaaaa', '127.0.0.1:7001');
    const statuses = second.app.services.registry.statuses();
    expect(statuses.map((s) => [s.proxy.id, s.connected])).toEqual([['httpbin-v1.default-aaaaaa', true]]);
  });
});
