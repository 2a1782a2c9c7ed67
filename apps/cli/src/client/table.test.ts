import { describe, expect, it } from 'vitest';
import { formatAge, humanDuration } from './age.js';
import { formatTable, orNone } from './table.js';

describe('formatTable', () => {
  it('pads columns three spaces apart like kubectl and leaves no trailing blanks', () => {
    const out = formatTable(
      ['NAME', 'HOSTS', 'AGE'],
      [
        ['httpbin', '["httpbin"]', '5s'],
        ['a', '["*"]', '12m'],
      ],
    );
    expect(out).toBe(
      ['NAME      HOSTS         AGE', 'httpbin   ["httpbin"]   5s', 'a         ["*"]         12m', ''].join(
        '\n',
      ),
    );
  });

  it('prints only the header when there are no rows, and trims an empty last cell', () => {
    expect(formatTable(['NAME', 'AGE'], [])).toBe('NAME   AGE\n');
    expect(formatTable(['A', 'B'], [['x', '']])).toBe('A   B\nx\n');
  });

  it('counts code points, not UTF-16 units, for widths', () => {
    expect(formatTable(['S', 'T'], [['✔é', 'x']])).toBe('S    T\n✔é   x\n');
  });

  it('orNone fills empty cells', () => {
    expect(orNone('')).toBe('<none>');
    expect(orNone(undefined)).toBe('<none>');
    expect(orNone('x')).toBe('x');
  });
});

describe('AGE like kubectl (apimachinery HumanDuration)', () => {
  const table: Array<[number, string]> = [
    [0, '0s'],
    [-5_000, '0s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [190_000, '3m10s'],
    [599_000, '9m59s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3600_000, '3h'],
    [(5 * 60 + 3) * 60_000, '5h3m'],
    [8 * 3600_000, '8h'],
    [47 * 3600_000, '47h'],
    [(3 * 24 + 4) * 3600_000, '3d4h'],
    [8 * 24 * 3600_000, '8d'],
    [729 * 24 * 3600_000, '729d'],
    [(2 * 365 + 30) * 24 * 3600_000, '2y30d'],
    [9 * 365 * 24 * 3600_000, '9y'],
  ];
  it.each(table)('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('formats a creationTimestamp against now, <unknown> when missing or bad', () => {
    const now = new Date('2026-01-01T00:10:00Z');
    expect(formatAge('2026-01-01T00:00:00Z', now)).toBe('10m');
    expect(formatAge(undefined, now)).toBe('<unknown>');
    expect(formatAge('yesterday', now)).toBe('<unknown>');
  });
});
