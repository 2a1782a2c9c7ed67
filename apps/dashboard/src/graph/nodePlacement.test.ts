import { describe, expect, it } from 'vitest';
import { DEFAULT_SPACING, type Point, placeNewNodes } from './nodePlacement';

const { rank, gap } = DEFAULT_SPACING;
const known = (entries: Array<[string, number, number]>) =>
  new Map<string, Point>(entries.map(([id, x, y]) => [id, { x, y }]));

describe('placeNewNodes', () => {
  it('puts a new callee one rank right of its caller', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'b' }],
      edges: [{ source: 'a', target: 'b' }],
      known: known([['a', 100, 50]]),
      parentOf: new Map(),
    });
    expect(spots.get('b')).toEqual({ x: 100 + rank, y: 50 });
  });

  it('puts a new caller one rank left of what it calls', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'client' }],
      edges: [{ source: 'client', target: 'svc' }],
      known: known([['svc', 400, 0]]),
      parentOf: new Map(),
    });
    expect(spots.get('client')).toEqual({ x: 400 - rank, y: 0 });
  });

  it('stacks a new version under its siblings in the app box', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'v3', parent: 'box' }],
      edges: [{ source: 'svc', target: 'v3' }],
      known: known([
        ['svc', 0, 0],
        ['v1', 200, 0],
        ['v2', 200, gap],
      ]),
      parentOf: new Map([
        ['v1', 'box'],
        ['v2', 'box'],
        ['v3', 'box'],
      ]),
    });
    expect(spots.get('v3')).toEqual({ x: 200, y: 2 * gap });
  });

  it('moves down past drawn nodes instead of overlapping them', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'c' }],
      edges: [{ source: 'a', target: 'c' }],
      known: known([
        ['a', 0, 0],
        ['b', rank, 0],
        ['d', rank, gap],
      ]),
      parentOf: new Map(),
    });
    expect(spots.get('c')).toEqual({ x: rank, y: 2 * gap });
  });

  it('places chains of new nodes from a drawn one, and strangers below everything', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'c' }, { id: 'b' }, { id: 'lonely' }, { id: 'friend' }],
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'lonely', target: 'friend' },
      ],
      known: known([
        ['a', 0, 0],
        ['z', 50, 300],
      ]),
      parentOf: new Map(),
    });
    expect(spots.get('b')).toEqual({ x: rank, y: 0 });
    expect(spots.get('c')).toEqual({ x: 2 * rank, y: 0 });
    expect(spots.get('lonely')).toEqual({ x: 0, y: 300 + 2 * gap });
    expect(spots.get('friend')).toEqual({ x: rank, y: 300 + 2 * gap });
  });

  it('starts at the origin on an empty drawing and never moves a known node', () => {
    const spots = placeNewNodes({
      newNodes: [{ id: 'a' }, { id: 'x' }],
      edges: [],
      known: known([['x', 5, 5]]),
      parentOf: new Map(),
    });
    expect(spots.has('x')).toBe(false);
    expect(spots.get('a')).toEqual({ x: 5, y: 5 + 2 * gap });
    const empty = placeNewNodes({
      newNodes: [{ id: 'a' }],
      edges: [],
      known: new Map(),
      parentOf: new Map(),
    });
    expect(empty.get('a')).toEqual({ x: 0, y: 0 });
  });
});
