// Gateway API kinds through the Kubernetes-style REST paths and POST /api/v1/apply, against a real app and
// store: HTTPRoute (`httproutes`) and Gateway (`gateways.gateway.networking.k8s.io`, `KubernetesGateway` inside),
// which is a different object from the Istio Gateway of the same name.
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  httpRouteObject,
  istioGatewayObject,
  kubernetesGatewayObject,
  YAML_HEADERS,
} from '../../testing/fixtures.js';
import { type TestApp, tempDir, testApp } from '../../testing/test-app.js';

const GTW = '/api/v1/namespaces/default/gateways.gateway.networking.k8s.io';
const ISTIO_GW = '/api/v1/namespaces/default/gateways';
const ROUTES = '/api/v1/namespaces/default/httproutes';

/** Istio Gateway, Gateway API Gateway (both `gw`) and an HTTPRoute, as one multi-document YAML. */
const MIXED = [istioGatewayObject('gw'), kubernetesGatewayObject('gw'), httpRouteObject('reviews', 'reviews')]
  .map((o) => stringify(o))
  .join('---\n');

describe('Gateway API kinds over REST', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });
  const inject = (options: InjectOptions) => t.app.inject(options);

  it.each([
    ['httproutes', ROUTES, httpRouteObject('reviews', 'reviews', [90, 10]), 'HTTPRoute'],
    ['gateways.gateway.networking.k8s.io', GTW, kubernetesGatewayObject('reviews'), 'KubernetesGateway'],
  ])('%s: create, read, list, replace, patch and delete', async (plural, path, body, kind) => {
    const created = await inject({ method: 'POST', url: path, payload: body });
    expect(created.statusCode).toBe(201);
    // REST JSON carries the kind the API names it by (KubernetesGateway), not the manifest's `Gateway`.
    expect(created.json()).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      metadata: { name: 'reviews', namespace: 'default', resourceVersion: '1', generation: 1 },
    });
    const got = await inject({ method: 'GET', url: `${path}/reviews` });
    expect(got.json()).toEqual(created.json());
    const v1beta1 = await inject({
      method: 'GET',
      url: `${path}/reviews?apiVersion=gateway.networking.k8s.io/v1beta1`,
    });
    expect(v1beta1.json()).toMatchObject({ apiVersion: 'gateway.networking.k8s.io/v1beta1', kind });

    const list = (await inject({ method: 'GET', url: path })).json();
    expect(list).toMatchObject({ kind: `${kind}List`, metadata: { resourceVersion: '1' } });
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['reviews']);
    const everywhere = (await inject({ method: 'GET', url: `/api/v1/${plural}` })).json();
    expect(everywhere.items).toHaveLength(1);

    // A PUT may use either spelling of the kind and any served version; it is stored in v1.
    const stored = { ...created.json(), apiVersion: 'gateway.networking.k8s.io/v1beta1' };
    stored.metadata = { name: 'reviews', labels: { tier: 'edge' }, resourceVersion: '1' };
    const replaced = await inject({ method: 'PUT', url: `${path}/reviews`, payload: stored });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind,
      metadata: { labels: { tier: 'edge' }, resourceVersion: '2', generation: 1 },
    });
    const patched = await inject({
      method: 'PATCH',
      url: `${path}/reviews`,
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ metadata: { labels: { tier: null } } }),
    });
    expect(patched.json()).toMatchObject({ kind, metadata: { resourceVersion: '3' } });
    expect(patched.json().metadata.labels).toBeUndefined();

    const deleted = await inject({ method: 'DELETE', url: `${path}/reviews` });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ kind, metadata: { name: 'reviews' } });
    const gone = await inject({ method: 'GET', url: `${path}/reviews` });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'CP_ERR_RESOURCE_NOT_FOUND', details: { kind } });
  });

  it('accepts the stored kind name in a body too, and refuses a Gateway under the other Gateway path', async () => {
    const internal = { ...kubernetesGatewayObject('a'), kind: 'KubernetesGateway' };
    expect((await inject({ method: 'POST', url: GTW, payload: internal })).statusCode).toBe(201);
    const istioUnderGtw = await inject({ method: 'POST', url: GTW, payload: istioGatewayObject('b') });
    expect(istioUnderGtw.statusCode).toBe(400);
    expect(istioUnderGtw.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      message:
        'kind Gateway of networking.istio.io/v1 does not belong under /gateways.gateway.networking.k8s.io',
      details: { field: 'kind' },
    });
    const gtwUnderIstio = await inject({
      method: 'POST',
      url: ISTIO_GW,
      payload: kubernetesGatewayObject('b'),
    });
    expect(gtwUnderIstio.statusCode).toBe(400);
    expect(gtwUnderIstio.json().details).toEqual({ field: 'kind' });
    const bad = kubernetesGatewayObject('c', 70000);
    const refused = await inject({ method: 'POST', url: GTW, payload: bad });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.field).toBe('spec.listeners[0].port');
  });

  it('keys an Istio Gateway and a Gateway API Gateway of the same name apart, through apply, delete and restart', async () => {
    const applied = await inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: YAML_HEADERS,
      payload: MIXED,
    });
    expect(applied.statusCode).toBe(200);
    expect(
      applied
        .json()
        .results.map((r: { kind: string; apiVersion: string; name: string; action: string }) => [
          r.kind,
          r.apiVersion,
          r.name,
          r.action,
        ]),
    ).toEqual([
      ['Gateway', 'networking.istio.io/v1', 'gw', 'created'],
      ['KubernetesGateway', 'gateway.networking.k8s.io/v1', 'gw', 'created'],
      ['HTTPRoute', 'gateway.networking.k8s.io/v1', 'reviews', 'created'],
    ]);
    const istio = (await inject({ method: 'GET', url: `${ISTIO_GW}/gw` })).json();
    const gtw = (await inject({ method: 'GET', url: `${GTW}/gw` })).json();
    expect(istio).toMatchObject({ kind: 'Gateway', spec: { selector: { istio: 'ingressgateway' } } });
    expect(gtw).toMatchObject({ kind: 'KubernetesGateway', spec: { gatewayClassName: 'istio' } });
    expect(istio.metadata.uid).not.toBe(gtw.metadata.uid);

    // Applying again changes neither; changing one changes only that one.
    const again = (
      await inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload: MIXED })
    ).json();
    expect(again.results.map((r: { action: string }) => r.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    const moved = stringify(kubernetesGatewayObject('gw', 8080));
    const changed = (
      await inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload: moved })
    ).json();
    expect(changed.results).toMatchObject([{ kind: 'KubernetesGateway', name: 'gw', action: 'configured' }]);
    expect((await inject({ method: 'GET', url: `${ISTIO_GW}/gw` })).json().metadata.resourceVersion).toBe(
      '1',
    );

    expect((await inject({ method: 'DELETE', url: `${GTW}/gw` })).statusCode).toBe(200);
    expect((await inject({ method: 'GET', url: `${GTW}/gw` })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: `${ISTIO_GW}/gw` })).statusCode).toBe(200);
  });

  it('dry-runs an apply of the Gateway API kinds without storing anything', async () => {
    const dry = await inject({
      method: 'POST',
      url: '/api/v1/apply?dryRun=true',
      headers: YAML_HEADERS,
      payload: MIXED,
    });
    expect(dry.json()).toMatchObject({ dryRun: true, revision: 0 });
    expect(dry.json().results.map((r: { action: string }) => r.action)).toEqual([
      'created',
      'created',
      'created',
    ]);
    expect((await inject({ method: 'GET', url: GTW })).json().items).toEqual([]);
  });

  it('analyzes the live config and posted manifests with the Gateway API kinds in them', async () => {
    await inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload: MIXED });
    const live = await inject({ method: 'GET', url: '/api/v1/analyze' });
    expect(live.statusCode).toBe(200);
    expect(Array.isArray(live.json().findings)).toBe(true);
    const over = await inject({
      method: 'POST',
      url: '/api/v1/analyze',
      headers: YAML_HEADERS,
      payload: stringify(httpRouteObject('ratings', 'ratings', [50, 50])),
    });
    expect(over.statusCode).toBe(200);
    expect(over.json().errors).toEqual([]);
  });
});

describe('Gateway API kinds in the store', () => {
  it('come back after a restart, the two Gateways still apart', async () => {
    const dir = tempDir();
    try {
      const first = await testApp({ data: dir.path });
      await first.app.inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload: MIXED });
      await first.close();
      const second = await testApp({ data: dir.path });
      try {
        const kinds = async (url: string) =>
          (await second.app.inject({ method: 'GET', url })).json().items.map((i: { kind: string }) => i.kind);
        expect(await kinds(ISTIO_GW)).toEqual(['Gateway']);
        expect(await kinds(GTW)).toEqual(['KubernetesGateway']);
        expect(await kinds(ROUTES)).toEqual(['HTTPRoute']);
        expect(second.app.services.store.list().map((r) => `${r.kind}/${r.metadata.name}`)).toEqual([
          'Gateway/gw',
          'HTTPRoute/reviews',
          'KubernetesGateway/gw',
        ]);
      } finally {
        await second.close();
      }
    } finally {
      dir.remove();
    }
  });
});
