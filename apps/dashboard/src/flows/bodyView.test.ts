import type { CapturedBody } from '@shadowmesh/api';
import { REDACTED } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { bodyView, lineMarks, pairedBodyViews, textLines } from './bodyView';
import { headerRows } from './headerRows';

function body(data: string, overrides: Partial<CapturedBody> = {}): CapturedBody {
  return {
    encoding: 'utf8',
    data,
    size: data.length,
    truncated: false,
    sha256: '0'.repeat(64),
    ...overrides,
  };
}

describe('bodyView', () => {
  it('is nothing without a body', () => {
    expect(bodyView(null, undefined, [])).toEqual({ kind: 'none' });
    expect(bodyView(body(''), 'application/json', [])).toEqual({ kind: 'none' });
  });

  it('pretty-prints JSON with the differing paths marked', () => {
    const view = bodyView(body('{"a":1,"b":2}'), 'application/json', [
      { kind: 'body', field: '$.b', primary: 2, shadow: 3 },
      { kind: 'header', field: 'a' },
    ]);
    expect(view.kind).toBe('json');
    if (view.kind !== 'json') return;
    expect(view.lines.map((l) => [l.text, l.mark?.kind ?? ''])).toEqual([
      ['{', ''],
      ['  "a": 1,', ''],
      ['  "b": 2', 'differs'],
      ['}', ''],
    ]);
  });

  it('shows JSON cut at the capture limit, and text, by lines', () => {
    const cut = bodyView(body('{"a": [1,', { truncated: true, size: 100 }), 'application/json', []);
    expect(cut.kind).toBe('text');
    const text = bodyView(body('one\ntwo\nthree'), 'text/plain', [
      { kind: 'body', field: 'line 2' },
      { kind: 'body', field: 'line 3', ignored: 'rule' },
    ]);
    expect(text.kind === 'text' && text.lines.map((l) => l.mark?.kind ?? '')).toEqual([
      '',
      'differs',
      'ignored',
    ]);
  });

  it('marks each text side on its own lines when lines were inserted', () => {
    const [primary, shadow] = pairedBodyViews(
      { body: body('a\nb\n'), contentType: 'text/plain' },
      { body: body('new\na\nB\n'), contentType: 'text/plain' },
      [{ kind: 'body', field: 'line 2', primary: 'b', shadow: 'B' }],
    );
    const marked = (view: typeof primary) =>
      view.kind === 'text' ? view.lines.filter((l) => l.mark).map((l) => l.text) : [];
    expect(marked(primary)).toEqual(['b']);
    expect(marked(shadow)).toEqual(['B']);
  });

  it('keeps binary bodies as size and hash', () => {
    expect(bodyView(body('AAEC', { encoding: 'base64', size: 3 }), undefined, []).kind).toBe('binary');
  });

  it('reads only body line differences', () => {
    expect([...lineMarks([{ kind: 'header', field: 'line 1' }]).keys()]).toEqual([]);
    expect(textLines('a\r\nb', new Map()).map((l) => l.text)).toEqual(['a', 'b']);
  });
});

describe('headerRows', () => {
  it('lines up both sides by name with each row’s state', () => {
    const rows = headerRows(
      { 'content-type': 'application/json', date: 'd1', 'x-demo-version': 'v1', cookie: REDACTED },
      { 'content-type': 'application/json', date: 'd2', 'x-demo-version': 'v2', 'x-only': 'yes' },
      [
        { kind: 'header', field: 'X-Demo-Version', primary: 'v1', shadow: 'v2' },
        { kind: 'header', field: 'date', ignored: 'rule' },
        { kind: 'body', field: '$.date' },
      ],
    );
    expect(rows.map((r) => [r.name, r.state, r.because ?? ''])).toEqual([
      ['content-type', 'same', ''],
      ['cookie', 'unlisted', ''],
      ['date', 'ignored', 'rule'],
      ['x-demo-version', 'differs', ''],
      ['x-only', 'unlisted', ''],
    ]);
    expect(rows[1]).toMatchObject({ primaryRedacted: true, shadowRedacted: false, primary: REDACTED });
    expect(rows[4]?.primary).toBeUndefined();
  });

  it('works with one side missing', () => {
    expect(headerRows({ a: '1' }, undefined).map((r) => r.state)).toEqual(['unlisted']);
  });
});
