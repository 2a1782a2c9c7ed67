import { describe, expect, it } from 'vitest';
import { linePairs, pairedLineMarks } from './textPairs';

describe('linePairs', () => {
  it('pairs a changed line on both sides', () => {
    expect(linePairs('a\nb\nc\n', 'a\nB\nc\n')).toEqual([{ field: 'line 2', primaryLine: 2, shadowLine: 2 }]);
  });

  it('follows inserted lines: the shadow’s own line numbers are kept', () => {
    expect(linePairs('a\nb\nc\n', 'new\na\nb\nC\n')).toEqual([
      { field: 'line 1', shadowLine: 1 },
      { field: 'line 3', primaryLine: 3, shadowLine: 4 },
    ]);
  });

  it('names a removed line by its primary number', () => {
    expect(linePairs('a\nb\nc\n', 'a\nc\n')).toEqual([{ field: 'line 2', primaryLine: 2 }]);
  });

  it('has nothing for equal texts', () => {
    expect(linePairs('same', 'same')).toEqual([]);
  });
});

describe('pairedLineMarks', () => {
  it('marks each side where the comparison listed the line, ignored ones with why', () => {
    const marks = pairedLineMarks('x\na\nb\nc\n', 'x\nnew\na\nB\nC\n', [
      { kind: 'body', field: 'line 3', primary: 'b', shadow: 'B' },
      { kind: 'body', field: 'line 4', primary: 'c', shadow: 'C', ignored: 'volatile' },
    ]);
    expect([...marks.primary]).toEqual([
      [3, { kind: 'differs' }],
      [4, { kind: 'ignored', because: 'volatile' }],
    ]);
    expect([...marks.shadow]).toEqual([
      [4, { kind: 'differs' }],
      [5, { kind: 'ignored', because: 'volatile' }],
    ]);
  });
});
