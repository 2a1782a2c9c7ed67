import { describe, expect, it } from 'vitest';
import { jsonLines, marksByPath } from './jsonLines';
import { formatJsonPath, parseJsonPath } from './jsonPath';

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.format.bitrate', ['format', 'bitrate']],
    ['$.items[0].id', ['items', 0, 'id']],
    ['$["a b"].c', ['a b', 'c']],
    ["$['x-y']", ['x-y']],
    ['$["q\\"uote"]', ['q"uote']],
  ])('reads %s', (path, segments) => {
    expect(parseJsonPath(path)).toEqual(segments);
  });

  it.each(['line 3', 'content-type', 'status', '$.', '$[x]', '$["open'])('refuses %s', (path) => {
    expect(parseJsonPath(path)).toBeNull();
  });

  it('writes paths back in one notation', () => {
    expect(formatJsonPath(['args', 0, 'x-y', 'ok'])).toBe('$.args[0]["x-y"].ok');
    expect(parseJsonPath(formatJsonPath(['a b', 2]))).toEqual(['a b', 2]);
  });
});

describe('jsonLines', () => {
  const body = { uuid: 'u-1', version: 'v2', args: { a: '1' }, list: [1, { x: 2 }], empty: {} };

  it('prints as JSON.stringify with two spaces does', () => {
    const lines = jsonLines(body, new Map());
    expect(lines.map((l) => l.text).join('\n')).toBe(JSON.stringify(body, null, 2));
  });

  it('marks the differing field, ignored ones with their reason, and whole differing subtrees', () => {
    const marks = marksByPath([
      { field: '$.version' },
      { field: '$.uuid', ignored: 'volatile' },
      { field: '$.list[1]' },
      { field: 'line 2' },
    ]);
    const lines = jsonLines(body, marks);
    const marked = lines.filter((l) => l.mark).map((l) => [l.text.trim(), l.mark]);
    expect(marked).toEqual([
      ['"uuid": "u-1",', { kind: 'ignored', because: 'volatile' }],
      ['"version": "v2",', { kind: 'differs' }],
      ['{', { kind: 'differs' }],
      ['"x": 2', { kind: 'differs' }],
      ['}', { kind: 'differs' }],
    ]);
    // The parents of a differing field are not marked themselves.
    expect(lines[0]?.mark).toBeUndefined();
  });

  it('lets a counted difference win over an ignored one on the same field', () => {
    const marks = marksByPath([{ field: '$.a', ignored: 'rule' }, { field: '$["a"]' }]);
    expect(jsonLines({ a: 1 }, marks)[1]?.mark).toEqual({ kind: 'differs' });
  });

  it('prints scalars and empty containers on one line', () => {
    expect(jsonLines('text', new Map()).map((l) => l.text)).toEqual(['"text"']);
    expect(jsonLines([], new Map()).map((l) => l.text)).toEqual(['[]']);
  });
});
