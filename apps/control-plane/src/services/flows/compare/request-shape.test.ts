import { describe, expect, it } from 'vitest';
import { requestShape } from './request-shape.js';

describe('requestShape', () => {
  it.each([
    ['GET', '/items?page=2&limit=10', 'GET /items?limit&page'],
    ['get', '/items?page=2&page=3', 'GET /items?page'],
    ['POST', '/items', 'POST /items'],
    ['GET', '/items?', 'GET /items'],
    ['GET', '', 'GET /'],
    ['GET', '/a?b#frag', 'GET /a?b'],
    ['GET', '/a?x%20y=1&flag', 'GET /a?flag&x y'],
    ['GET', '/a?%E0%A4%A=1', 'GET /a?%E0%A4%A'],
  ])('%s %s → %s', (method, path, shape) => {
    expect(requestShape(method, path)).toBe(shape);
  });
});
