// Header operations on framing or hop-by-hop headers (SM0701, issue #17) are refused at apply time, with the
// exact field and its line, and nothing is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YAML_HEADERS } from '../../testing/fixtures.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

const doc = (headers: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 50
    - destination: {host: reviews, subset: v2}
      weight: 50
${headers}`;

describe('POST /api/v1/apply: header operations', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => {
    await t.close();
  });
  const apply = (payload: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/apply', headers: YAML_HEADERS, payload });
  const stored = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/virtualservices' })).json().items.length;

  it('refuses remove: [content-length] on the route, naming the field', async () => {
    const res = await apply(doc('    headers:\n      request:\n        remove: [x-debug, content-length]\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CP_ERR_VALIDATION',
      details: { document: 0, field: 'spec.http[0].headers.request.remove[1]' },
    });
    expect(res.json().message).toContain('content-length');
    expect(await stored()).toBe(0);
  });

  it('refuses set: content-length on one destination, naming the field', async () => {
    const res = await apply(
      doc('      headers:\n        request:\n          set:\n            content-length: "5"\n'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toMatchObject({
      field: 'spec.http[0].route[1].headers.request.set.content-length',
    });
    expect(await stored()).toBe(0);
  });

  it('accepts operations on other headers', async () => {
    const res = await apply(doc('    headers:\n      request:\n        set: {x-route: "v1"}\n'));
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored()).toBe(1);
  });
});
