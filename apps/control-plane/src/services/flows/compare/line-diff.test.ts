import { describe, expect, it } from 'vitest';
import { diffTextLines } from './line-diff.js';

describe('diffTextLines', () => {
  it('names changed lines by their primary line number', () => {
    expect(diffTextLines('a\nb\nc\n', 'a\nB\nc\n')).toEqual([{ field: 'line 2', primary: 'b', shadow: 'B' }]);
  });

  it('reports removed and added lines', () => {
    expect(diffTextLines('a\nb\nc', 'a\nc')).toEqual([{ field: 'line 2', primary: 'b' }]);
    expect(diffTextLines('a\nc', 'a\nb\nc')).toEqual([{ field: 'line 2', shadow: 'b' }]);
  });

  it('is empty for equal texts, CRLF or not at the end', () => {
    expect(diffTextLines('a\nb', 'a\nb')).toEqual([]);
  });

  it('falls back to position by position on huge edits', () => {
    const a = Array.from({ length: 5_000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 5_000 }, (_, i) => `b${i}`).join('\n');
    const out = diffTextLines(a, b);
    expect(out).toHaveLength(5_000);
    expect(out[4]).toEqual({ field: 'line 5', primary: 'a4', shadow: 'b4' });
  });
});
