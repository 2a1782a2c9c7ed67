import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serviceObject, YAML_HEADERS } from '../../testing/fixtures.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

// The repo's copy of the tutorials, exactly as users paste them.
const tutorialsDir = join(import.meta.dirname, '../../../../../tutorials');

const validDoc = `apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
`;

const invalidDoc = `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: 1
`;

describe('POST /api/v1/apply', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp({ bodyLimit: 64 * 1024 });
  });
  afterEach(async () => {
    await t.close();
  });
  const apply = (payload: string, query = '', headers: Record<string, string> = YAML_HEADERS) =>
    t.app.inject({ method: 'POST', url: `/api/v1/apply${query}`, headers, payload });
  const count = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/history' })).json().items.length;

  it.each(readdirSync(tutorialsDir).filter((f) => f.endsWith('.yaml')))(
    'applies the tutorial %s verbatim (unmanaged kinds skipped)',
    async (file) => {
      const text = readFileSync(join(tutorialsDir, file), 'utf8');
      const res = await apply(text);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.results.length).toBeGreaterThan(0);
      for (const r of body.results) {
        if (r.kind === 'Deployment')
          expect(r).toMatchObject({ action: 'skipped', reason: expect.any(String) });
        else expect(r.action).toBe('created');
      }
      const again = await apply(text);
      expect(
        again
          .json()
          .results.filter((r: { action: string }) => r.action !== 'skipped')
          .map((r: { action: string }) => r.action),
      ).toEqual(
        body.results.filter((r: { action: string }) => r.action !== 'skipped').map(() => 'unchanged'),
      );
    },
  );

  it('reports created, configured and unchanged per document', async () => {
    const first = await apply(`${validDoc}---\n${yamlService('reviews')}`);
    expect(first.json().results.map((r: { action: string }) => r.action)).toEqual(['created', 'created']);
    const second = await apply(
      `${validDoc.replace('subset: v1', 'subset: v2')}---\n${yamlService('reviews')}`,
    );
    expect(second.json().results).toMatchObject([
      {
        index: 0,
        kind: 'VirtualService',
        name: 'reviews',
        namespace: 'default',
        action: 'configured',
        resourceVersion: '3',
      },
      { index: 1, kind: 'Service', action: 'unchanged' },
    ]);
  });

  it('is all-or-nothing: one invalid document changes nothing and is named with its field', async () => {
    const res = await apply(`${validDoc}---\n${invalidDoc}`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'CP_ERR_VALIDATION',
      details: { document: 1, field: 'spec.subsets[0].labels.version', line: 20 },
    });
    expect(res.json().message).toContain('document 1');
    expect(await count()).toBe(0);
  });

  it('is all-or-nothing on conflicts too', async () => {
    await apply(yamlService('a'));
    await apply(yamlService('a', 9000));
    const res = await apply(
      `${validDoc}---\n${yamlService('a', 1).replace('name: a', 'name: a\n  resourceVersion: "1"')}`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('CP_ERR_CONFLICT');
    expect(await count()).toBe(2);
  });

  it('dryRun validates and reports but stores nothing', async () => {
    const res = await apply(validDoc, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, revision: 0, results: [{ action: 'created' }] });
    expect(res.json().results[0].resourceVersion).toBeUndefined();
    expect(await count()).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/virtualservices' })).json().items).toEqual([]);
    const invalid = await apply(invalidDoc, '?dryRun=true');
    expect(invalid.statusCode).toBe(422);
  });

  it('refuses malformed YAML with line and column', async () => {
    const res = await apply(`${validDoc}---\nkind: Service\nmetadata: {name: x\nspec: 1\n`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('CP_ERR_MALFORMED_BODY');
    expect(body.details.document).toBe(1);
    expect(body.details.line).toBeGreaterThanOrEqual(11);
    expect(body.details.column).toEqual(expect.any(Number));
    expect(await count()).toBe(0);
  });

  it('places an unclosed quote at the quote, and an alias bomb at its first alias, at once', async () => {
    const quote = await apply(`${validDoc}---\napiVersion: v1\nkind: Service\nmetadata: {name: "x}\n`);
    expect(quote.json()).toMatchObject({
      code: 'CP_ERR_MALFORMED_BODY',
      message: 'malformed YAML in document 1: Missing closing "quote at line 13, column 18',
      details: { field: '(yaml)', document: 1, line: 13, column: 18 },
    });
    const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: lol', '  labels:'];
    lines.push('    a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]');
    for (const [prev, name] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg', 'gh', 'hi']) {
      lines.push(`    ${name}: &${name} [${new Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = Date.now();
    const bomb = await apply(lines.join('\n'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json()).toMatchObject({
      code: 'CP_ERR_MALFORMED_BODY',
      message:
        'malformed YAML in document 0: Excessive alias count indicates a resource exhaustion attack at line 7, column 12',
      details: { document: 0, line: 7, column: 12 },
    });
    expect(await count()).toBe(0);
  });

  it('names unknown kinds and unserved apiVersions', async () => {
    const kind = await apply(
      'apiVersion: networking.istio.io/v1\nkind: VirtualServise\nmetadata: {name: a}\nspec: {}\n',
    );
    expect(kind.json()).toMatchObject({ code: 'CP_ERR_VALIDATION', details: { field: 'kind', document: 0 } });
    const version = await apply(
      'apiVersion: networking.istio.io/v2\nkind: VirtualService\nmetadata: {name: a}\nspec: {}\n',
    );
    expect(version.json()).toMatchObject({ code: 'CP_ERR_VALIDATION', details: { field: 'apiVersion' } });
  });

  it('takes JSON: one object or an array', async () => {
    const one = await apply(JSON.stringify(serviceObject('a')), '', { 'content-type': 'application/json' });
    expect(one.json().results).toMatchObject([{ kind: 'Service', name: 'a', action: 'created' }]);
    const many = await apply(JSON.stringify([serviceObject('a'), serviceObject('b')]), '', {
      'content-type': 'application/json',
    });
    expect(many.json().results.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'created']);
  });

  it('puts objects without a namespace into ?namespace=', async () => {
    await apply(yamlService('a'), '?namespace=music');
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/namespaces/music/services/a' });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a body over the limit with 413 and stores nothing', async () => {
    const big = `${validDoc}# ${'x'.repeat(70 * 1024)}\n`;
    const res = await apply(big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_BODY_TOO_LARGE', details: { limit: 64 * 1024 } });
    expect(await count()).toBe(0);
  });

  it('refuses an empty body and unknown content types', async () => {
    expect((await apply('')).json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'body' },
    });
    const xml = await apply('<a/>', '', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('CP_ERR_UNSUPPORTED_MEDIA_TYPE');
  });
});

function yamlService(name: string, port = 8000): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: ${port}\n`;
}
