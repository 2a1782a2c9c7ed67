// The full layout: layered, left to right (as Kiali's dagre default), written for service graphs
// with app boxes. Dagre's compound mode took 20+ s for 1,000 nodes in boxes and threw on some;
// this takes milliseconds:
//   1. each app box is one unit (its versions stay together), every other node its own unit;
//   2. ranks: longest path from the units nothing calls (cycles are broken where a DFS meets them);
//   3. order within a rank: barycenter sweeps (a unit moves towards the units it talks to);
//   4. coordinates: x by rank; a rank's units stacked top to bottom and centred on y = 0.

export interface LayoutNode {
  id: string;
  /** The app box this node sits in. */
  group?: string;
}

export interface LayoutEdge {
  source: string;
  target: string;
}

export interface LayoutSpacing {
  rank: number;
  node: number;
  /** Extra room between units (box borders and labels). */
  unit: number;
}

export const DEFAULT_LAYOUT_SPACING: LayoutSpacing = { rank: 240, node: 80, unit: 40 };

interface Unit {
  key: string;
  members: string[];
  rank: number;
  /** Centre of the unit, in the current ordering. */
  y: number;
  height: number;
}

const SWEEPS = 4;
/** Width over height a big drawing is spread to (a landscape screen). */
const WIDE_ASPECT = 1.6;
/** Only columns taller than this are spread (a small graph keeps its compact ranks). */
const SPREAD_TALLER_THAN = 1200;

export function layeredLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  spacing: LayoutSpacing = DEFAULT_LAYOUT_SPACING,
): Map<string, { x: number; y: number }> {
  // 1. Units, in input order.
  const unitOf = new Map<string, Unit>();
  const groups = new Map<string, Unit>();
  const units: Unit[] = [];
  for (const node of nodes) {
    let unit = node.group ? groups.get(node.group) : undefined;
    if (!unit) {
      unit = { key: node.group ?? node.id, members: [], rank: 0, y: 0, height: 0 };
      units.push(unit);
      if (node.group) groups.set(node.group, unit);
    }
    unit.members.push(node.id);
    unitOf.set(node.id, unit);
  }
  const succ = new Map<Unit, Set<Unit>>(units.map((u) => [u, new Set()]));
  const pred = new Map<Unit, Set<Unit>>(units.map((u) => [u, new Set()]));
  for (const { source, target } of edges) {
    const from = unitOf.get(source);
    const to = unitOf.get(target);
    if (!from || !to || from === to) continue;
    succ.get(from)?.add(to);
    pred.get(to)?.add(from);
  }

  // 2. Ranks: DFS from units without callers (then from any left), skipping edges back to the path.
  const order: Unit[] = [];
  const state = new Map<Unit, 'open' | 'done'>();
  const acyclicSucc = new Map<Unit, Unit[]>(units.map((u) => [u, []]));
  const visit = (root: Unit) => {
    type Frame = { unit: Unit; next: Unit[]; at: number };
    const stack: Frame[] = [{ unit: root, next: [...(succ.get(root) ?? [])], at: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Frame;
      const child = top.next[top.at];
      top.at += 1;
      if (!child) {
        state.set(top.unit, 'done');
        order.push(top.unit);
        stack.pop();
        continue;
      }
      if (state.get(child) === 'open') continue; // a cycle: this edge does not rank
      acyclicSucc.get(top.unit)?.push(child);
      if (!state.has(child)) {
        state.set(child, 'open');
        stack.push({ unit: child, next: [...(succ.get(child) ?? [])], at: 0 });
      }
    }
  };
  for (const unit of units) if ((pred.get(unit)?.size ?? 0) === 0 && !state.has(unit)) visit(unit);
  for (const unit of units) if (!state.has(unit)) visit(unit);
  // `order` is a reverse topological order of the acyclic edges.
  for (let i = order.length - 1; i >= 0; i -= 1) {
    const unit = order[i] as Unit;
    for (const child of acyclicSucc.get(unit) ?? []) child.rank = Math.max(child.rank, unit.rank + 1);
  }

  // 3. Ordering by barycenters, forward then backward, a few times.
  const ranks: Unit[][] = [];
  for (const unit of units) {
    unit.height = unit.members.length * spacing.node + spacing.unit;
    const rank = ranks[unit.rank] ?? [];
    rank.push(unit);
    ranks[unit.rank] = rank;
  }
  const place = (rank: Unit[]) => {
    const total = rank.reduce((sum, u) => sum + u.height, 0);
    let cursor = -total / 2;
    for (const unit of rank) {
      unit.y = cursor + unit.height / 2;
      cursor += unit.height;
    }
  };
  for (const rank of ranks) if (rank) place(rank);
  const sortBy = (rank: Unit[], neighbours: Map<Unit, Set<Unit>>) => {
    const center = new Map<Unit, number>();
    for (const unit of rank) {
      const ys = [...(neighbours.get(unit) ?? [])].map((n) => n.y);
      center.set(unit, ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : unit.y);
    }
    rank.sort((a, b) => (center.get(a) ?? 0) - (center.get(b) ?? 0));
    place(rank);
  };
  for (let sweep = 0; sweep < SWEEPS; sweep += 1) {
    for (let r = 1; r < ranks.length; r += 1) sortBy(ranks[r] ?? [], pred);
    for (let r = ranks.length - 2; r >= 0; r -= 1) sortBy(ranks[r] ?? [], succ);
  }

  // 4. Coordinates. Tall ranks (hundreds of nodes) get their columns spread apart, so the drawing is
  // about as wide as a screen is, not a thin tall strip.
  const tallest = ranks.reduce(
    (max, rank) =>
      Math.max(
        max,
        (rank ?? []).reduce((h, u) => h + u.height, 0),
      ),
    0,
  );
  const spread = tallest > SPREAD_TALLER_THAN && ranks.length > 1;
  const rankGap = spread
    ? Math.max(spacing.rank, (tallest * WIDE_ASPECT) / (ranks.length - 1))
    : spacing.rank;
  const positions = new Map<string, { x: number; y: number }>();
  for (const unit of units) {
    const top = unit.y - ((unit.members.length - 1) * spacing.node) / 2;
    unit.members.forEach((id, i) => {
      positions.set(id, { x: unit.rank * rankGap, y: top + i * spacing.node });
    });
  }
  return positions;
}
