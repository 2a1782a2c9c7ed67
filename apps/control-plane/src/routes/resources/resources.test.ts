import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceObject, virtualServiceObject } from '../../testing/fixtures.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

describe('resource REST API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });
  const inject = (options: InjectOptions) => t.app.inject(options);

  it('creates, reads, lists, replaces and deletes', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('httpbin'),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().metadata).toMatchObject({
      name: 'httpbin',
      namespace: 'default',
      resourceVersion: '1',
      generation: 1,
    });

    const got = await inject({ method: 'GET', url: '/api/v1/namespaces/default/services/httpbin' });
    expect(got.statusCode).toBe(200);
    expect(got.json().spec.ports[0].port).toBe(8000);

    const replaced = await inject({
      method: 'PUT',
      url: '/api/v1/namespaces/default/services/httpbin',
      payload: {
        ...serviceObject('httpbin', { port: 9000 }),
        metadata: { name: 'httpbin', resourceVersion: '1' },
      },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().metadata).toMatchObject({ resourceVersion: '2', generation: 2 });

    const list = await inject({ method: 'GET', url: '/api/v1/namespaces/default/services' });
    expect(list.json()).toMatchObject({ kind: 'ServiceList', metadata: { resourceVersion: '2' } });
    expect(list.json().items).toHaveLength(1);

    const deleted = await inject({ method: 'DELETE', url: '/api/v1/namespaces/default/services/httpbin' });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().metadata.name).toBe('httpbin');
    const gone = await inject({ method: 'GET', url: '/api/v1/namespaces/default/services/httpbin' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'CP_ERR_RESOURCE_NOT_FOUND', details: { name: 'httpbin' } });
  });

  it('refuses a stale resourceVersion with 409 and the current object', async () => {
    await inject({ method: 'POST', url: '/api/v1/namespaces/default/services', payload: serviceObject('a') });
    await inject({
      method: 'PUT',
      url: '/api/v1/namespaces/default/services/a',
      payload: serviceObject('a', { port: 1 }),
    });
    const stale = await inject({
      method: 'PUT',
      url: '/api/v1/namespaces/default/services/a',
      payload: { ...serviceObject('a', { port: 2 }), metadata: { name: 'a', resourceVersion: '1' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'CP_ERR_CONFLICT',
      details: { field: 'metadata.resourceVersion', current: { metadata: { resourceVersion: '2' } } },
    });
    const stalePatch = await inject({
      method: 'PATCH',
      url: '/api/v1/namespaces/default/services/a',
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ metadata: { resourceVersion: '1' }, spec: { ports: [{ port: 3 }] } }),
    });
    expect(stalePatch.statusCode).toBe(409);
    const staleDelete = await inject({
      method: 'DELETE',
      url: '/api/v1/namespaces/default/services/a?resourceVersion=1',
    });
    expect(staleDelete.statusCode).toBe(409);
    const now = await inject({ method: 'GET', url: '/api/v1/namespaces/default/services/a' });
    expect(now.json().spec.ports).toEqual([{ name: 'http', port: 1 }]);
  });

  it('refuses to create an object twice', async () => {
    await inject({ method: 'POST', url: '/api/v1/namespaces/default/services', payload: serviceObject('a') });
    const again = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('a'),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CP_ERR_ALREADY_EXISTS');
  });

  it('applies a JSON merge patch and needs its content type', async () => {
    await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('a', { labels: { app: 'a', tier: 'web' } }),
    });
    const patched = await inject({
      method: 'PATCH',
      url: '/api/v1/namespaces/default/services/a',
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: JSON.stringify({ metadata: { labels: { tier: null, team: 'x' } } }),
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().metadata).toMatchObject({
      labels: { app: 'a', team: 'x' },
      generation: 1,
      resourceVersion: '2',
    });
    const wrongType = await inject({
      method: 'PATCH',
      url: '/api/v1/namespaces/default/services/a',
      payload: { metadata: { labels: { a: 'b' } } },
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toMatchObject({
      code: 'CP_ERR_UNSUPPORTED_MEDIA_TYPE',
      details: { field: 'headers.content-type' },
    });
    const badJson = await inject({
      method: 'PATCH',
      url: '/api/v1/namespaces/default/services/a',
      headers: { 'content-type': 'application/merge-patch+json' },
      payload: '{"metadata":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toMatchObject({ code: 'CP_ERR_MALFORMED_BODY', details: { field: '(body)' } });
    expect(badJson.json().message).toMatch(/^Malformed JSON body: /);
  });

  it('names the invalid field and stores nothing', async () => {
    const bad = virtualServiceObject('reviews', 'reviews');
    (bad.spec.http[0]!.route[0] as { weight: unknown }).weight = 'heavy';
    const res = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/virtualservices',
      payload: bad,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CP_ERR_VALIDATION',
      details: { field: 'spec.http[0].route[0].weight' },
    });
    const list = await inject({ method: 'GET', url: '/api/v1/virtualservices' });
    expect(list.json().items).toEqual([]);
  });

  it('checks the body against the path', async () => {
    const wrongKind = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/gateways',
      payload: serviceObject('a'),
    });
    expect(wrongKind.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field: 'kind' } });
    const wrongNs = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('a', { namespace: 'other' }),
    });
    expect(wrongNs.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'metadata.namespace' },
    });
    await inject({ method: 'POST', url: '/api/v1/namespaces/default/services', payload: serviceObject('a') });
    const wrongName = await inject({
      method: 'PUT',
      url: '/api/v1/namespaces/default/services/a',
      payload: serviceObject('b'),
    });
    expect(wrongName.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'metadata.name' },
    });
    const badNs = await inject({ method: 'GET', url: '/api/v1/namespaces/Not_Valid/services' });
    expect(badNs.statusCode).toBe(400);
    expect(badNs.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'params.namespace' },
    });
    const unknown = await inject({ method: 'GET', url: '/api/v1/namespaces/default/deployments' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CP_ERR_UNKNOWN_RESOURCE_TYPE');
  });

  it('filters lists by label selector and namespace, and lists across namespaces', async () => {
    for (const [name, namespace, app] of [
      ['a', 'default', 'x'],
      ['b', 'default', 'y'],
      ['c', 'music', 'x'],
    ] as const) {
      const res = await inject({
        method: 'POST',
        url: `/api/v1/namespaces/${namespace}/services`,
        payload: serviceObject(name, { labels: { app } }),
      });
      expect(res.statusCode).toBe(201);
    }
    const names = async (url: string) =>
      ((await inject({ method: 'GET', url })).json().items as Array<{ metadata: { name: string } }>).map(
        (i) => i.metadata.name,
      );
    expect(await names('/api/v1/services')).toEqual(['a', 'b', 'c']);
    expect(await names('/api/v1/services?labelSelector=app%3Dx')).toEqual(['a', 'c']);
    expect(await names('/api/v1/namespaces/default/services?labelSelector=app%3Dx')).toEqual(['a']);
    expect(await names('/api/v1/namespaces/music/services')).toEqual(['c']);
    const bad = await inject({ method: 'GET', url: '/api/v1/services?labelSelector=%3D%3D' });
    expect(bad.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'query.labelSelector' },
    });
  });

  it('stores networking objects once and serves them in the apiVersion asked for', async () => {
    await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/virtualservices',
      payload: virtualServiceObject('r', 'r'),
    });
    const stored = await inject({ method: 'GET', url: '/api/v1/namespaces/default/virtualservices/r' });
    expect(stored.json().apiVersion).toBe('networking.istio.io/v1');
    const old = await inject({
      method: 'GET',
      url: '/api/v1/namespaces/default/virtualservices/r?apiVersion=networking.istio.io/v1alpha3',
    });
    expect(old.json().apiVersion).toBe('networking.istio.io/v1alpha3');
    const bad = await inject({
      method: 'GET',
      url: '/api/v1/namespaces/default/virtualservices/r?apiVersion=v9',
    });
    expect(bad.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field: 'query.apiVersion' } });
  });

  it('returns analysis findings as Warning headers', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/virtualservices',
      payload: virtualServiceObject('r', 'r', [60, 30]),
    });
    expect(res.statusCode).toBe(201);
    const warnings = ([] as string[]).concat(res.headers.warning ?? []);
    expect(warnings.some((w) => w.startsWith('299 - "') && w.includes('SM0201'))).toBe(true);
  });

  it('dry-run writes store nothing', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services?dryRun=All',
      payload: serviceObject('a'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().metadata.name).toBe('a');
    expect((await inject({ method: 'GET', url: '/api/v1/services' })).json().items).toEqual([]);
  });
});

describe('request bodies', () => {
  it('accepts DELETE with an empty JSON body and refuses prototype poisoning', async () => {
    const t = await testApp();
    try {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/namespaces/default/services',
        payload: serviceObject('a'),
      });
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/namespaces/default/services/a',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(del.statusCode).toBe(200);
      const poisoned = await t.app.inject({
        method: 'POST',
        url: '/api/v1/namespaces/default/services',
        headers: { 'content-type': 'application/json' },
        payload: '{"__proto__": {"x": 1}, "kind": "Service"}',
      });
      expect(poisoned.statusCode).toBe(400);
      expect(poisoned.json().code).toBe('CP_ERR_MALFORMED_BODY');
      const empty = await t.app.inject({
        method: 'POST',
        url: '/api/v1/namespaces/default/services',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expect(empty.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field: 'body' } });
    } finally {
      await t.close();
    }
  });
});
