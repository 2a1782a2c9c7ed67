import { describe, expect, it } from 'vitest';
import { type CompareContext, compareFlows } from './compare-flows.js';
import { compileCompareRules, NO_RULES } from './compare-rules.js';
import { isVolatileField } from './field-keys.js';
import { capturedBinary, capturedJson, capturedText, makePair } from './test-support.js';

const plain: CompareContext = { rules: compileCompareRules(NO_RULES), isVolatile: () => false };

function counted(c: ReturnType<typeof compareFlows>) {
  return c.differences.filter((d) => d.ignored === undefined).map((d) => `${d.kind}:${d.field}`);
}

describe('compareFlows', () => {
  it('names a differing JSON field and ignores always-volatile headers as rules', () => {
    const { primary, mirror } = makePair(
      { body: capturedJson({ a: { b: [1, 2, { c: 'x' }] }, same: 1 }) },
      { body: capturedJson({ a: { b: [1, 2, { c: 'y' }] }, same: 1 }) },
    );
    const c = compareFlows(primary, mirror, plain);
    expect(c).toMatchObject({ copyId: mirror.id, copyType: 'mirror', result: 'divergent', bodyKind: 'json' });
    expect(counted(c)).toEqual(['body:$.a.b[2].c']);
    expect(c.differences).toContainEqual({ kind: 'body', field: '$.a.b[2].c', primary: 'x', shadow: 'y' });
    expect(c.differences).toContainEqual(expect.objectContaining({ field: 'date', ignored: 'rule' }));
  });

  it('reports missing fields with one side absent', () => {
    const { primary, mirror } = makePair(
      { body: capturedJson({ gone: { deep: 1 } }) },
      { body: capturedJson({ added: true }) },
    );
    const c = compareFlows(primary, mirror, plain);
    expect(c.differences).toContainEqual({ kind: 'body', field: '$.gone', primary: { deep: 1 } });
    expect(c.differences).toContainEqual({ kind: 'body', field: '$.added', shadow: true });
  });

  it('treats an echoed -shadow host as expected (greyed), content-length included', () => {
    const { primary, mirror } = makePair(
      {
        body: capturedJson({ headers: { Host: 'httpbin:8000' } }),
        headers: { location: 'http://httpbin:8000/x' },
      },
      {
        body: capturedJson({ headers: { Host: 'httpbin-shadow:8000' } }),
        headers: { location: 'http://httpbin-shadow:8000/x' },
      },
    );
    const c = compareFlows(primary, mirror, plain);
    expect(c.result).toBe('equal');
    expect(c.differences).toContainEqual({
      kind: 'body',
      field: '$.headers.Host',
      primary: 'httpbin:8000',
      shadow: 'httpbin-shadow:8000',
      ignored: 'shadow-host',
    });
    expect(c.differences).toContainEqual(
      expect.objectContaining({ field: 'location', ignored: 'shadow-host' }),
    );
    expect(c.differences).toContainEqual(
      expect.objectContaining({ field: 'content-length', ignored: 'shadow-host' }),
    );
  });

  it('treats the copy marker header echoed in a body as expected (JSON and text)', () => {
    const json = makePair(
      { body: capturedJson({ headers: { Host: 'httpbin:8000' } }) },
      { body: capturedJson({ headers: { Host: 'httpbin-shadow:8000', 'X-Shadowmesh-Shadow': '1' } }) },
    );
    const c = compareFlows(json.primary, json.mirror, plain);
    expect(c.result).toBe('equal');
    expect(c.differences).toContainEqual({
      kind: 'body',
      field: '$.headers.X-Shadowmesh-Shadow',
      shadow: '1',
      ignored: 'shadow-host',
    });
    const text = makePair(
      { body: capturedText('host: httpbin:8000\naccept: */*\n'), contentType: 'text/plain' },
      {
        body: capturedText('host: httpbin-shadow:8000\naccept: */*\nx-shadowmesh-shadow: 1\n'),
        contentType: 'text/plain',
      },
    );
    expect(compareFlows(text.primary, text.mirror, plain).result).toBe('equal');
  });

  it('still counts a marker-named field the primary has too', () => {
    const { primary, mirror } = makePair(
      { body: capturedJson({ 'x-shadowmesh-shadow': '0' }) },
      { body: capturedJson({ 'x-shadowmesh-shadow': '1' }) },
    );
    expect(counted(compareFlows(primary, mirror, plain))).toEqual(['body:$.x-shadowmesh-shadow']);
  });

  it('counts content-length beside a counted body difference', () => {
    const { primary, mirror } = makePair(
      { body: capturedJson({ v: 'short' }) },
      { body: capturedJson({ v: 'longer' }) },
    );
    expect(counted(compareFlows(primary, mirror, plain))).toEqual(['header:content-length', 'body:$.v']);
  });

  it('applies ignore rules: JSON paths with [*], headers case-insensitively', () => {
    const { primary, mirror } = makePair(
      {
        body: capturedJson({
          items: [
            { id: 1, n: 'a' },
            { id: 2, n: 'b' },
          ],
          ts: 5,
        }),
        headers: { 'x-build': '1' },
      },
      {
        body: capturedJson({
          items: [
            { id: 9, n: 'a' },
            { id: 8, n: 'b' },
          ],
          ts: 6,
        }),
        headers: { 'x-build': '2' },
      },
    );
    const rules = compileCompareRules({
      ignoreHeaders: ['X-Build'],
      ignoreJsonPaths: ['$.items[*].id', '$.ts'],
    });
    const c = compareFlows(primary, mirror, { rules, isVolatile: () => false });
    expect(c.result).toBe('equal');
    const ignored = c.differences.filter((d) => d.ignored === 'rule').map((d) => d.field);
    expect(ignored).toEqual(expect.arrayContaining(['x-build', '$.items[0].id', '$.items[1].id', '$.ts']));
  });

  it('marks volatile fields as known now', () => {
    const { primary, mirror } = makePair(
      { body: capturedJson({ uuid: 'a', meta: { t: 1 } }) },
      { body: capturedJson({ uuid: 'b', meta: { t: 2 } }) },
    );
    const volatile = new Set(['body:$.uuid', 'body:$.meta']);
    const isVolatile = (k: string) => isVolatileField(volatile, k);
    const c = compareFlows(primary, mirror, { rules: plain.rules, isVolatile });
    expect(c.result).toBe('equal');
    expect(c.differences.filter((d) => d.kind === 'body').every((d) => d.ignored === 'volatile')).toBe(true);
  });

  it('compares text bodies line by line', () => {
    const { primary, mirror } = makePair(
      { body: capturedText('one\ntwo\nthree\n'), contentType: 'text/plain' },
      { body: capturedText('one\nTWO\nthree\n'), contentType: 'text/plain' },
    );
    const c = compareFlows(primary, mirror, plain);
    expect(c.bodyKind).toBe('text');
    expect(c.differences).toContainEqual({ kind: 'body', field: 'line 2', primary: 'two', shadow: 'TWO' });
  });

  it('compares binary bodies by hash only', () => {
    const bin = (b: number) => capturedBinary(new Uint8Array([0xff, 0xfe, b]));
    const same = makePair(
      { body: bin(1), contentType: 'image/png' },
      { body: bin(1), contentType: 'image/png' },
    );
    expect(compareFlows(same.primary, same.mirror, plain)).toMatchObject({
      result: 'equal',
      bodyKind: 'binary',
    });
    const diff = makePair(
      { body: bin(1), contentType: 'image/png' },
      { body: bin(2), contentType: 'image/png' },
    );
    const c = compareFlows(diff.primary, diff.mirror, plain);
    expect(counted(c)).toEqual(['body:body']);
    expect(c.differences.at(-1)).toMatchObject({ primary: { size: 3 }, shadow: { size: 3 } });
  });

  it('compares the kept part of truncated bodies, then their hashes', () => {
    const head = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const kept = 200;
    const inKept = makePair(
      { body: capturedText(`X${head}`, kept), contentType: 'text/plain' },
      { body: capturedText(`Y${head}`, kept), contentType: 'text/plain' },
    );
    expect(counted(compareFlows(inKept.primary, inKept.mirror, plain))).toEqual(['body:line 1']);
    const beyond = makePair(
      { body: capturedText(`${head}\nend-a`, kept), contentType: 'text/plain' },
      { body: capturedText(`${head}\nend-b`, kept), contentType: 'text/plain' },
    );
    const c = compareFlows(beyond.primary, beyond.mirror, plain);
    expect(c.bodyKind).toBe('text');
    expect(counted(c)).toEqual(['body:body']);
    const equal = makePair(
      { body: capturedJson({ big: head }, kept) },
      { body: capturedJson({ big: head }, kept) },
    );
    expect(compareFlows(equal.primary, equal.mirror, plain).result).toBe('equal');
  });

  it('reports a status difference even when the copy kept no body', () => {
    const { primary, mirror } = makePair({ body: capturedJson({ ok: true }) }, { status: 503, body: null });
    mirror.responseBytes = 57;
    const c = compareFlows(primary, mirror, plain);
    expect(c.result).toBe('divergent');
    expect(c.differences[0]).toEqual({ kind: 'status', field: 'status', primary: 200, shadow: 503 });
  });

  it.each([
    ['status 0', { status: 0, body: null }],
    ['timed out', { outcome: 'timed-out' }],
    ['dropped at a cap', { outcome: 'dropped-at-cap', status: 0 }],
    ['no body captured while the primary has one', { body: null }],
  ])('is incomparable: %s', (_name, copy) => {
    const { primary, mirror } = makePair({}, copy);
    if (mirror.responseBody === null) mirror.responseBytes = 20;
    expect(compareFlows(primary, mirror, plain)).toMatchObject({ result: 'incomparable', differences: [] });
  });

  it('refuses a primary given as the copy', () => {
    const { primary } = makePair({}, {});
    expect(() => compareFlows(primary, primary, plain)).toThrow(/type must be mirror or baseline/);
  });
});
