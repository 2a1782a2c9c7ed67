// Fixed hostile inputs (issue #12): an alias bomb, 10,000 documents, a 10 MB string, nesting 10,000 deep.
// Each is answered quickly, as data, with a message that says what is wrong and where.
import { describe, expect, it } from 'vitest';
import { parsedProblems } from '../testing/manifest-invariants.js';
import { MAX_NESTING_DEPTH } from '../validation/nesting-depth.js';
import { validateResource } from '../validation/validate-resource.js';
import { parseManifests } from './parse-manifests.js';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports: [{port: 80}]\n';

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = Date.now();
  const value = fn();
  return { value, ms: Date.now() - started };
}

function nested(depth: number, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { a: v };
  return v;
}

describe('hostile manifests', () => {
  it('refuses an alias bomb (billion laughs) at once, naming the problem', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      lines.push(`${name}: &${name} [${new Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { value, ms } = timed(() => parseManifests(lines.join('\n')));
    expect(ms).toBeLessThan(1000);
    expect(value.ok).toBe(false);
    expect(value.errors).toEqual([expect.objectContaining({ field: '(yaml)', document: 0 })]);
    expect(value.errors[0]?.message).toMatch(/alias/i);
  });

  it('refuses a self-referencing alias without looping', () => {
    const parsed = parseManifests(
      'apiVersion: v1\nkind: Service\nmetadata: &m {name: a, labels: *m}\nspec: {}\n',
    );
    expect(parsed.ok).toBe(false);
    expect(parsedProblems(parsed)).toEqual([]);
  });

  it('reads 10,000 documents, one entry each', () => {
    const text = new Array(10_000).fill(SERVICE).join('---\n');
    const { value, ms } = timed(() => parseManifests(text));
    expect(value.ok).toBe(true);
    expect(value.entries).toHaveLength(10_000);
    expect(ms).toBeLessThan(20_000);
  });

  it('takes a 10 MB string value, and refuses a 10 MB name by its field', () => {
    const big = 'x'.repeat(10_000_000);
    const { value, ms } = timed(() =>
      parseManifests(
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations: {big: ${big}}\nspec: {ports: [{port: 80}]}\n`,
      ),
    );
    expect(value.ok).toBe(true);
    expect(value.resources[0]?.metadata.annotations?.big).toHaveLength(10_000_000);
    expect(ms).toBeLessThan(20_000);
    const named = parseManifests(
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${big}}\nspec: {ports: [{port: 80}]}\n`,
    );
    expect(named.errors.map((e) => [e.field, e.line])).toEqual([['metadata.name', 3]]);
    expect(named.errors[0]?.message).toMatch(/no more than 63 characters/);
  });

  it.each([
    ['flow sequences', `spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}`],
    ['flow maps', `spec: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}`],
    [
      'JSON',
      `{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":${'[{"a":'.repeat(5000)}1${'}]'.repeat(5000)}}`,
    ],
    ['block maps', `spec:\n${Array.from({ length: 10_000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}`],
    ['compact sequences', `spec:\n  ports:\n  ${'- '.repeat(10_000)}x`],
  ])('refuses %s nested 10,000 deep with the line and column', (_, body) => {
    const text = body.startsWith('{')
      ? body
      : `apiVersion: v1\nkind: Service\nmetadata: {name: a}\n${body}\n`;
    const { value, ms } = timed(() => parseManifests(text));
    expect(ms).toBeLessThan(5000);
    expect(value.ok).toBe(false);
    expect(value.errors).toHaveLength(1);
    expect(value.errors[0]).toMatchObject({ field: '(yaml)', document: 0, line: expect.any(Number) });
    expect(value.errors[0]?.message).toMatch(`nest deeper than ${MAX_NESTING_DEPTH} levels at line`);
  });

  it('survives deep documents one after another (the yaml library alone crashed the process)', () => {
    for (const text of [
      `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`,
      `${'['.repeat(1000)}${']'.repeat(1000)}`,
    ]) {
      expect(parseManifests(text).errors[0]?.message).toMatch(/nest deeper/);
    }
  });

  it('accepts nesting up to the limit, and refuses one level more', () => {
    // The object is level 1, spec level 2, and x's lists and maps the levels from 3 on.
    const text = (levels: number) =>
      `apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}], x: ${JSON.stringify(nested(levels, 'x'))}}\n`;
    expect(parseManifests(text(MAX_NESTING_DEPTH - 2)).ok).toBe(true);
    expect(parseManifests(text(MAX_NESTING_DEPTH - 1)).errors[0]?.message).toMatch(/nest deeper/);
  });

  it('validateResource refuses 10,000 levels by the path where the limit is crossed', () => {
    const result = validateResource({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'a' },
      spec: nested(10_000),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.field).toMatch(/^spec(\[0\]|\.a)+$/);
    expect(result.errors[0]?.message).toBe(
      `nests deeper than ${MAX_NESTING_DEPTH} levels of objects and lists`,
    );
  });
});
