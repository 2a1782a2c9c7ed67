// Where a node that appears in a live graph goes, without moving any other: beside the nodes it
// talks to (one rank right of its callers, or one rank left of what it calls), under its siblings
// in the same app box, or below the whole drawing when nothing it knows is drawn yet. Then it is
// nudged down until it overlaps nothing. The graph flows left to right, as the first layout does.

export interface Point {
  x: number;
  y: number;
}

export interface NewNode {
  id: string;
  parent?: string;
}

export interface PlacementInput {
  /** Leaf nodes without a position yet (boxes follow their children). */
  newNodes: readonly NewNode[];
  edges: ReadonlyArray<{ source: string; target: string }>;
  /** Positions of the leaf nodes already drawn. */
  known: ReadonlyMap<string, Point>;
  /** Parent of every child node, new or drawn (for siblings). */
  parentOf: ReadonlyMap<string, string>;
}

export interface Spacing {
  /** Distance between ranks (left to right). */
  rank: number;
  /** Distance between nodes of one rank (top to bottom). */
  gap: number;
}

export const DEFAULT_SPACING: Spacing = { rank: 180, gap: 80 };

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function placeNewNodes(input: PlacementInput, spacing: Spacing = DEFAULT_SPACING): Map<string, Point> {
  const placed = new Map(input.known);
  const result = new Map<string, Point>();
  const callers = new Map<string, string[]>();
  const callees = new Map<string, string[]>();
  for (const { source, target } of input.edges) {
    if (source === target) continue;
    callers.set(target, [...(callers.get(target) ?? []), source]);
    callees.set(source, [...(callees.get(source) ?? []), target]);
  }
  const siblingsOf = new Map<string, string[]>();
  for (const [child, parent] of input.parentOf)
    siblingsOf.set(parent, [...(siblingsOf.get(parent) ?? []), child]);

  const near = (node: NewNode): Point | null => {
    const from = (callers.get(node.id) ?? []).flatMap((id) => placed.get(id) ?? []);
    const to = (callees.get(node.id) ?? []).flatMap((id) => placed.get(id) ?? []);
    const parent = node.parent ?? input.parentOf.get(node.id);
    const siblings = parent
      ? (siblingsOf.get(parent) ?? []).filter((id) => id !== node.id).flatMap((id) => placed.get(id) ?? [])
      : [];
    if (siblings.length > 0) {
      return { x: mean(siblings.map((p) => p.x)), y: Math.max(...siblings.map((p) => p.y)) + spacing.gap };
    }
    if (from.length > 0)
      return { x: Math.max(...from.map((p) => p.x)) + spacing.rank, y: mean(from.map((p) => p.y)) };
    if (to.length > 0)
      return { x: Math.min(...to.map((p) => p.x)) - spacing.rank, y: mean(to.map((p) => p.y)) };
    return null;
  };

  const belowAll = (): Point => {
    const points = [...placed.values()];
    if (points.length === 0) return { x: 0, y: 0 };
    return {
      x: Math.min(...points.map((p) => p.x)),
      y: Math.max(...points.map((p) => p.y)) + 2 * spacing.gap,
    };
  };

  /** Moves `p` down until no drawn node is within half a rank across and most of a gap down. */
  const free = (p: Point): Point => {
    const points = [...placed.values()];
    let y = p.y;
    for (let tries = 0; tries <= points.length; tries += 1) {
      const clash = points.some(
        (q) => Math.abs(q.x - p.x) < spacing.rank / 2 && Math.abs(q.y - y) < spacing.gap * 0.8,
      );
      if (!clash) break;
      y += spacing.gap;
    }
    return { x: p.x, y };
  };

  let pending = input.newNodes.filter((n) => !placed.has(n.id));
  // Each pass places every node that has a drawn neighbour or sibling; when none has, the first
  // goes below everything and the others may then find it. Bounded by the number of nodes.
  while (pending.length > 0) {
    const waiting: NewNode[] = [];
    for (const node of pending) {
      const spot = near(node);
      if (!spot) {
        waiting.push(node);
        continue;
      }
      const point = free(spot);
      placed.set(node.id, point);
      result.set(node.id, point);
    }
    if (waiting.length === pending.length) {
      const [first, ...rest] = waiting;
      if (!first) break;
      const point = free(belowAll());
      placed.set(first.id, point);
      result.set(first.id, point);
      pending = rest;
    } else {
      pending = waiting;
    }
  }
  return result;
}
