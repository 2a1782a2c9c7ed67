// The Gateway API kinds reach proxies in config snapshots like every other kind (the routing engine reads
// HTTPRoute and KubernetesGateway from them), over a real WebSocket.
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  httpRouteObject,
  istioGatewayObject,
  kubernetesGatewayObject,
  YAML_HEADERS,
} from '../../testing/fixtures.js';
import { testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';

describe('push of Gateway API kinds', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('pushes HTTPRoutes and both Gateways of one name, then their changes and deletes; ack ⇒ SYNCED', async () => {
    const t = await testApp();
    cleanups.push(t.close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const gateway = await TestProxy.connect(url);
    cleanups.push(() => gateway.close());
    gateway.hello({
      id: 'gw.default-1',
      kind: 'gateway',
      labels: { 'gateway.networking.k8s.io/gateway-name': 'gw' },
    });
    await gateway.waitForConfig(() => true);

    const payload = [
      istioGatewayObject('gw'),
      kubernetesGatewayObject('gw'),
      httpRouteObject('reviews', 'reviews'),
    ]
      .map((o) => stringify(o))
      .join('---\n');
    await t.app.inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload });
    const pushed = await gateway.waitForConfig((s) => s.resources.length === 3, 'the three objects');
    expect(pushed.resources.map((r) => `${r.apiVersion} ${r.kind}/${r.metadata.name}`).sort()).toEqual([
      'gateway.networking.k8s.io/v1 HTTPRoute/reviews',
      'gateway.networking.k8s.io/v1 KubernetesGateway/gw',
      'networking.istio.io/v1 Gateway/gw',
    ]);
    gateway.send({ type: 'ack', version: pushed.version });
    await gateway.waitFor(
      () =>
        t.app.services.registry
          .statuses()
          .find((s) => s.proxy.id === 'gw.default-1' && s.status === 'SYNCED'),
      'SYNCED',
    );

    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/namespaces/default/httproutes/reviews',
      payload: httpRouteObject('reviews', 'reviews', [80, 20]),
    });
    const weighted = await gateway.waitForConfig(
      (s) =>
        s.resources.some((r) => r.kind === 'HTTPRoute' && JSON.stringify(r.spec).includes('"weight":80')),
      'the new weights',
    );
    expect(BigInt(weighted.version) > BigInt(pushed.version)).toBe(true);

    await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/namespaces/default/gateways.gateway.networking.k8s.io/gw',
    });
    const remaining = await gateway.waitForConfig((s) => s.resources.length === 2, 'the delete');
    expect(remaining.resources.map((r) => r.kind).sort()).toEqual(['Gateway', 'HTTPRoute']);
  });
});
