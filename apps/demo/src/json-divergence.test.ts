import { describe, expect, it } from 'vitest';
import { renderJson } from './json-body.js';
import { applyDivergence, parseDivergeField } from './json-divergence.js';

describe('parseDivergeField', () => {
  it.each([
    ['version=v9', ['version'], 'v9'],
    ['count=3', ['count'], 3],
    ['ok=false', ['ok'], false],
    ['gone=null', ['gone'], null],
    ['quoted="3"', ['quoted'], '3'],
    ['obj={"a":1}', ['obj'], { a: 1 }],
    ['text=hello world', ['text'], 'hello world'],
    ['empty=', ['empty'], ''],
    ['a.b.c=x=y', ['a', 'b', 'c'], 'x=y'],
  ])('%s', (input, path, value) => {
    expect(parseDivergeField(input)).toEqual({ path, value });
  });

  it.each(['', 'novalue', '=x', 'a..b=1', '.a=1'])('refuses %j naming the field', (input) => {
    expect(() => parseDivergeField(input, '--diverge-field')).toThrow(
      /^--diverge-field: expected name=value/,
    );
  });
});

describe('applyDivergence', () => {
  it('overrides, adds, and creates nested objects', () => {
    const body: Record<string, unknown> = { a: 1, nested: { keep: true }, scalar: 5 };
    applyDivergence(body, parseDivergeField('a=2'));
    applyDivergence(body, parseDivergeField('nested.added=x'));
    applyDivergence(body, parseDivergeField('scalar.inner=1'));
    expect(body).toEqual({ a: 2, nested: { keep: true, added: 'x' }, scalar: { inner: 1 } });
  });
});

describe('renderJson', () => {
  it('sorts keys at every level, indents by two, escapes non-ASCII, ends with a newline', () => {
    expect(renderJson({ b: [{ z: 1, y: 2 }], a: 'é✓' })).toBe(
      '{\n  "a": "\\u00e9\\u2713",\n  "b": [\n    {\n      "y": 2,\n      "z": 1\n    }\n  ]\n}\n',
    );
  });
});
