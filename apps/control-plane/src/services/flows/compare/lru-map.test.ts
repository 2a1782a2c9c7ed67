import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map.js';

describe('LruMap', () => {
  it('evicts the least recently used entry and reports it', () => {
    const evicted: string[] = [];
    const lru = new LruMap<string, number>(2, (k) => evicted.push(k));
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect(evicted).toEqual(['b']);
    expect(lru.peek('b')).toBeUndefined();
    expect([...lru.values()]).toEqual([1, 3]);
  });

  it('refuses a bad limit', () => {
    expect(() => new LruMap(0)).toThrow(/limit must be an integer >= 1/);
  });
});
