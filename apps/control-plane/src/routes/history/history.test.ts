import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceObject, virtualServiceObject } from '../../testing/fixtures.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

describe('history and rollback', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });
  const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const port = async (name: string) =>
    (await req('GET', `/api/v1/namespaces/default/services/${name}`)).json().spec?.ports?.[0]?.port;

  it('records every accepted change with before and after, filterable by object', async () => {
    await req('POST', '/api/v1/namespaces/default/services', serviceObject('a'));
    await req('POST', '/api/v1/namespaces/default/services', serviceObject('b'));
    await req('PUT', '/api/v1/namespaces/default/services/a', serviceObject('a', { port: 9000 }));
    await req('DELETE', '/api/v1/namespaces/default/services/b');
    const all = (await req('GET', '/api/v1/history')).json();
    expect(all.headRevision).toBe(4);
    expect(
      all.items.map((i: { revision: number; operation: string; name: string }) => [
        i.revision,
        i.operation,
        i.name,
      ]),
    ).toEqual([
      [4, 'delete', 'b'],
      [3, 'update', 'a'],
      [2, 'create', 'b'],
      [1, 'create', 'a'],
    ]);
    const update = all.items[1];
    expect(update.before.spec.ports[0].port).toBe(8000);
    expect(update.after.spec.ports[0].port).toBe(9000);
    expect(update.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const onlyA = (await req('GET', '/api/v1/history?kind=Service&namespace=default&name=a')).json();
    expect(onlyA.items.map((i: { revision: number }) => i.revision)).toEqual([3, 1]);
    const paged = (await req('GET', '/api/v1/history?before=3&limit=1')).json();
    expect(paged.items.map((i: { revision: number }) => i.revision)).toEqual([2]);
    expect((await req('GET', '/api/v1/history/3')).json()).toMatchObject({ revision: 3, name: 'a' });
    expect((await req('GET', '/api/v1/history/99')).json().code).toBe('CP_ERR_REVISION_NOT_FOUND');
    expect((await req('GET', '/api/v1/history?kind=Deployment')).json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'query.kind' },
    });
  });

  it('rolls back to a revision as a new revision, restoring deleted objects and removing later ones', async () => {
    await req('POST', '/api/v1/namespaces/default/services', serviceObject('a')); // 1
    await req('PUT', '/api/v1/namespaces/default/services/a', serviceObject('a', { port: 9000 })); // 2
    await req('POST', '/api/v1/namespaces/default/services', serviceObject('b')); // 3
    await req('DELETE', '/api/v1/namespaces/default/services/a'); // 4

    const dry = await req('POST', '/api/v1/rollback?dryRun=true', { revision: 1 });
    expect(dry.json()).toMatchObject({ dryRun: true, rollbackOf: 1, revision: 4 });
    expect((await req('GET', '/api/v1/history')).json().headRevision).toBe(4);

    const res = await req('POST', '/api/v1/rollback', { revision: 1 });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ dryRun: false, rollbackOf: 1 });
    expect(body.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'Service', name: 'a', action: 'created' }),
        expect.objectContaining({ kind: 'Service', name: 'b', action: 'deleted' }),
      ]),
    );
    expect(await port('a')).toBe(8000);
    expect((await req('GET', '/api/v1/namespaces/default/services/b')).statusCode).toBe(404);
    const history = (await req('GET', '/api/v1/history?limit=2')).json();
    expect(
      history.items.every((i: { rollbackOf: number; batch: number }) => i.rollbackOf === 1 && i.batch === 5),
    ).toBe(true);

    // Roll forward again to revision 2, for object a only.
    const forward = await req('POST', '/api/v1/rollback', { revision: 2, name: 'a' });
    expect(forward.json().results).toEqual([expect.objectContaining({ name: 'a', action: 'configured' })]);
    expect(await port('a')).toBe(9000);
    expect((await req('GET', '/api/v1/namespaces/default/services/b')).statusCode).toBe(404);
  });

  it('refuses a rollback to a revision that does not exist', async () => {
    const res = await req('POST', '/api/v1/rollback', { revision: 7 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_REVISION_NOT_FOUND', details: { field: 'revision' } });
    const bad = await req('POST', '/api/v1/rollback', { revision: 'one' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field: 'body.revision' } });
  });

  it('reports analysis findings a rollback brings back', async () => {
    await req('POST', '/api/v1/namespaces/default/virtualservices', virtualServiceObject('r', 'r', [60, 30])); // 1
    await req(
      'PUT',
      '/api/v1/namespaces/default/virtualservices/r',
      virtualServiceObject('r', 'r', [70, 30]),
    ); // 2
    const res = await req('POST', '/api/v1/rollback', { revision: 1 });
    expect(res.json().warnings.map((w: { code: string }) => w.code)).toContain('SM0201');
  });
});
