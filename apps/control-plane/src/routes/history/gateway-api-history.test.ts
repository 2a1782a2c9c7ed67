// History and rollback of the Gateway API kinds: an HTTPRoute weight change undone, and a rollback limited
// to `KubernetesGateway` that leaves the Istio Gateway of the same name alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  httpRouteObject,
  istioGatewayObject,
  kubernetesGatewayObject,
  YAML_HEADERS,
} from '../../testing/fixtures.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

describe('history and rollback of Gateway API kinds', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });
  const apply = async (...objects: object[]) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: YAML_HEADERS,
      payload: objects.map((o) => stringify(o)).join('---\n'),
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const get = async (url: string) => (await t.app.inject({ method: 'GET', url })).json();
  const weights = async () =>
    (await get('/api/v1/namespaces/default/httproutes/reviews')).spec.rules[0].backendRefs.map(
      (b: { weight: number }) => b.weight,
    );

  it('records an HTTPRoute weight change and rolls it back as a new revision', async () => {
    await apply(httpRouteObject('reviews', 'reviews', [90, 10])); // 1
    await apply(httpRouteObject('reviews', 'reviews', [50, 50])); // 2
    expect(await weights()).toEqual([50, 50]);

    const history = await get('/api/v1/history?kind=HTTPRoute&namespace=default&name=reviews');
    expect(
      history.items.map((i: { revision: number; operation: string }) => [i.revision, i.operation]),
    ).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    const update = history.items[0];
    expect(update).toMatchObject({ kind: 'HTTPRoute', before: { kind: 'HTTPRoute' } });
    expect(update.before.spec.rules[0].backendRefs[0].weight).toBe(90);
    expect(update.after.spec.rules[0].backendRefs[0].weight).toBe(50);

    const dry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rollback?dryRun=true',
      payload: { revision: 1, kind: 'HTTPRoute', name: 'reviews', namespace: 'default' },
    });
    expect(dry.json()).toMatchObject({
      dryRun: true,
      results: [{ kind: 'HTTPRoute', action: 'configured' }],
    });
    expect(await weights()).toEqual([50, 50]);

    const rolled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rollback',
      payload: { revision: 1, kind: 'HTTPRoute', name: 'reviews', namespace: 'default' },
    });
    expect(rolled.json()).toMatchObject({
      rollbackOf: 1,
      revision: 3,
      results: [{ kind: 'HTTPRoute', name: 'reviews', action: 'configured', resourceVersion: '3' }],
    });
    expect(await weights()).toEqual([90, 10]);
    expect((await get('/api/v1/history/3')).rollbackOf).toBe(1);
  });

  it('rolls back only the Gateway API Gateway when asked for KubernetesGateway', async () => {
    await apply(istioGatewayObject('gw'), kubernetesGatewayObject('gw')); // 1, 2
    await apply(istioGatewayObject('gw', 8081), kubernetesGatewayObject('gw', 8080)); // 3, 4
    const onlyGtw = await get('/api/v1/history?kind=KubernetesGateway');
    expect(onlyGtw.items.map((i: { revision: number }) => i.revision)).toEqual([4, 2]);

    const rolled = await t.app.inject({
      method: 'POST',
      url: '/api/v1/rollback',
      payload: { revision: 2, kind: 'KubernetesGateway' },
    });
    expect(rolled.json().results).toEqual([
      {
        kind: 'KubernetesGateway',
        namespace: 'default',
        name: 'gw',
        action: 'configured',
        resourceVersion: '5',
      },
    ]);
    const gtw = await get('/api/v1/namespaces/default/gateways.gateway.networking.k8s.io/gw');
    const istio = await get('/api/v1/namespaces/default/gateways/gw');
    expect(gtw.spec.listeners[0].port).toBe(80);
    expect(istio.spec.servers[0].port.number).toBe(8081);

    // Back to revision 1, when only the Istio Gateway existed: it is configured back, the others deleted.
    await apply(httpRouteObject('reviews', 'reviews'));
    const all = await t.app.inject({ method: 'POST', url: '/api/v1/rollback', payload: { revision: 1 } });
    const actions = all.json().results.map((r: { kind: string; action: string }) => `${r.kind} ${r.action}`);
    expect(actions.sort()).toEqual(['Gateway configured', 'HTTPRoute deleted', 'KubernetesGateway deleted']);
    expect((await get('/api/v1/namespaces/default/gateways/gw')).spec.servers[0].port.number).toBe(80);
  });
});
