import { describe, expect, it } from 'vitest';
import { hostnamesIntersect } from './hostnames.js';

describe('hostnamesIntersect (Gateway API listener and route hostnames)', () => {
  it.each([
    ['foo.example.com', 'foo.example.com', true],
    ['Foo.Example.com', 'foo.example.com', true],
    ['*.example.com', 'foo.example.com', true],
    ['foo.example.com', '*.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', '*.example.com', true],
    ['*.example.com', '*.a.example.com', true],
    ['*.com', '*.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'foo.example.net', false],
    ['foo.example.com', 'bar.example.com', false],
    ['*.a.example.com', '*.b.example.com', false],
    ['*.example.com', 'fooexample.com', false],
  ])('%s ∩ %s: %s', (a, b, want) => {
    expect(hostnamesIntersect(a, b)).toBe(want);
    expect(hostnamesIntersect(b, a)).toBe(want);
  });
});
