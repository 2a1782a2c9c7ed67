import { describe, expect, it } from 'vitest';
import { parsePathMix, pathPicker } from './path-mix.js';
import { seededRandom } from './seeded-random.js';

describe('parsePathMix', () => {
  it('reads paths with weights (1 when absent), queries included', () => {
    expect(parsePathMix('/=8, /songs/1=1.5,/search?q=a=b,/x?y=2=3')).toEqual([
      { path: '/', weight: 8 },
      { path: '/songs/1', weight: 1.5 },
      { path: '/search?q=a=b', weight: 1 },
      { path: '/x?y=2', weight: 3 },
    ]);
    expect(parsePathMix([{ path: '/a', weight: 2 }])).toEqual([{ path: '/a', weight: 2 }]);
  });

  it.each([
    ['', /^paths: must be paths with weights/],
    ['songs=1', /^paths\[0\]: path must start with \//],
    ['/a=1,/b=0', /^paths\[1\]: weight must be a positive number, got 0/],
    ['/a b', /^paths\[0\]: path must start with \/ and hold no spaces/],
  ])('refuses %j', (input, message) => {
    expect(() => parsePathMix(input)).toThrow(message);
  });
});

describe('pathPicker', () => {
  it('picks each path with its share of the weight (4σ over 10,000 seeded picks)', () => {
    const pick = pathPicker(parsePathMix('/a=1,/b=3'), seededRandom(3));
    const n = 10_000;
    let b = 0;
    for (let i = 0; i < n; i++) if (pick() === '/b') b += 1;
    expect(Math.abs(b - 0.75 * n)).toBeLessThan(4 * Math.sqrt(n * 0.75 * 0.25));
  });
});
