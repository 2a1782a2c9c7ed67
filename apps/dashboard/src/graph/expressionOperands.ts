// The operands of the find/hide language and what they read from a node or an edge. An operand
// that does not apply to an element (a latency on a node, an app name on an edge) reads null, and a
// comparison on it is neither true nor false for that element. Names follow Kiali's where it has one.
import type { GraphEdge, GraphNode, Health } from '@shadowmesh/api';

export type GraphTarget = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge };

export type Operand =
  | { type: 'number'; read: (t: GraphTarget) => number | null }
  | { type: 'string'; read: (t: GraphTarget) => string | null }
  | { type: 'flag'; test: (t: GraphTarget) => boolean | null };

const onEdge =
  <T>(read: (edge: GraphEdge) => T | null | undefined) =>
  (t: GraphTarget): T | null =>
    t.kind === 'edge' ? (read(t.edge) ?? null) : null;
const onNode =
  <T>(read: (node: GraphNode) => T | null | undefined) =>
  (t: GraphTarget): T | null =>
    t.kind === 'node' ? (read(t.node) ?? null) : null;
const onBoth =
  <T>(node: (n: GraphNode) => T | null | undefined, edge: (e: GraphEdge) => T | null | undefined) =>
  (t: GraphTarget): T | null =>
    (t.kind === 'node' ? node(t.node) : edge(t.edge)) ?? null;

const num = (read: (t: GraphTarget) => number | null): Operand => ({ type: 'number', read });
const str = (read: (t: GraphTarget) => string | null): Operand => ({ type: 'string', read });
const flag = (test: (t: GraphTarget) => boolean | null): Operand => ({ type: 'flag', test });

const percent = (ratio: number) => ratio * 100;
const healthIs =
  (...healths: Health[]) =>
  (t: GraphTarget) =>
    healths.includes(t.kind === 'node' ? t.node.health : t.edge.health);
const badge = (key: keyof NonNullable<GraphNode['badges']>) =>
  onNode((n) => (n.kind === 'service' ? (n.badges?.[key] ?? false) : null));

const rps = num(
  onBoth(
    (n) => Math.max(n.inRps, n.outRps),
    (e) => e.traffic.rps,
  ),
);
const errorPercent = num(
  onBoth(
    (n) => percent(n.errorRatio),
    (e) => percent(e.traffic.errorRatio),
  ),
);
const share = num(onEdge((e) => percent(e.traffic.share)));
const p95 = num(onEdge((e) => e.traffic.p95Ms));
const mirror = flag(
  onBoth(
    (n) => (n.kind === 'service' ? (n.badges?.mirror ?? false) : null),
    (e) => e.mirror,
  ),
);
const weighted = flag(
  onBoth(
    (n) => (n.kind === 'service' ? (n.badges?.weightedRouting ?? false) : null),
    (e) => e.configuredWeight !== undefined,
  ),
);

/** Every operand by its (lower-case) name; aliases share one definition. */
export const OPERANDS: ReadonlyMap<string, Operand> = new Map<string, Operand>([
  // numbers
  ['rps', rps],
  ['rpsin', num(onNode((n) => n.inRps))],
  ['httpin', num(onNode((n) => n.inRps))],
  ['rpsout', num(onNode((n) => n.outRps))],
  ['httpout', num(onNode((n) => n.outRps))],
  ['requests', num(onEdge((e) => e.traffic.requests))],
  ['error', errorPercent],
  ['errors', errorPercent],
  ['err', errorPercent],
  ['%error', errorPercent],
  ['%httperr', errorPercent],
  ['share', share],
  ['%traffic', share],
  ['%httptraffic', share],
  ['p50', num(onEdge((e) => e.traffic.p50Ms))],
  ['p95', p95],
  ['rt', p95],
  ['responsetime', p95],
  ['p99', num(onEdge((e) => e.traffic.p99Ms))],
  ['weight', num(onEdge((e) => e.configuredWeight))],
  ['mirrorpercentage', num(onEdge((e) => e.mirrorPercentage))],
  // strings
  ['id', str((t) => (t.kind === 'node' ? t.node.id : t.edge.id))],
  ['name', str(onNode((n) => n.label))],
  ['label', str(onNode((n) => n.label))],
  ['app', str(onNode((n) => n.app))],
  ['version', str(onNode((n) => n.version))],
  ['namespace', str(onNode((n) => n.namespace))],
  ['ns', str(onNode((n) => n.namespace))],
  ['service', str(onNode((n) => n.service))],
  ['workload', str(onNode((n) => n.workload))],
  ['node', str(onNode((n) => n.kind))],
  ['kind', str(onNode((n) => n.kind))],
  ['health', str((t) => (t.kind === 'node' ? t.node.health : t.edge.health))],
  ['protocol', str(onEdge((e) => e.protocol))],
  // flags
  ['mirror', mirror],
  ['mirroring', mirror],
  ['weighted', weighted],
  ['trafficshifting', weighted],
  ['fault', flag(badge('faultInjection'))],
  ['faultinjection', flag(badge('faultInjection'))],
  ['timeout', flag(badge('timeout'))],
  ['requesttimeout', flag(badge('timeout'))],
  ['retries', flag(badge('retries'))],
  ['circuitbreaker', flag(badge('circuitBreaker'))],
  ['healthy', flag(healthIs('healthy'))],
  ['degraded', flag(healthIs('degraded'))],
  ['failure', flag(healthIs('failure'))],
  ['unhealthy', flag(healthIs('degraded', 'failure'))],
  ['idle', flag(healthIs('idle'))],
  ['root', flag(onNode((n) => n.isRoot ?? false))],
  ['trafficsource', flag(onNode((n) => n.isRoot ?? false))],
  ['box', flag(onNode((n) => n.kind === 'box'))],
  ['http', flag(onEdge((e) => e.protocol === 'http'))],
  ['grpc', flag(onEdge((e) => e.protocol === 'grpc'))],
]);

/** Operand names for help text and error messages, grouped by type. */
export function operandNames(type: Operand['type']): string[] {
  return [...OPERANDS].filter(([, operand]) => operand.type === type).map(([name]) => name);
}
