// Turns the builder's accumulators into the wire graph: rates, error ratios, shares, latency quantiles,
// health, badges, app boxes; sorted by id so equal traffic gives byte-equal JSON.
import type { EdgeTraffic, GraphEdge, GraphNode, GraphResponse, Health } from '@shadowmesh/api';
import { HistogramMerger } from '../packed-histogram.js';
import { type DivergenceEntry, sumDivergence } from './divergence-index.js';
import type { NodeDraft } from './graph-nodes.js';
import { boxNode } from './graph-nodes.js';
import type { GraphInput, LatencySource } from './graph-types.js';
import { healthOf, worstHealth } from './health.js';

export interface NodeAcc {
  draft: NodeDraft;
  /** Service nodes: the destination host (for badges). */
  host: string | undefined;
  inReq: number;
  inErr: number;
  mirrorReq: number;
  mirrorErr: number;
  outReq: number;
  outErr: number;
  hasIn: boolean;
}

export interface EdgeAcc {
  id: string;
  from: NodeAcc;
  to: NodeAcc;
  mirror: boolean;
  protocol: 'http' | 'grpc';
  requests: number;
  errors: number;
  /** Requests by response code: [code, count, code, count…]. */
  codes: number[];
  /** Where the latency buckets of every key on the edge are. */
  latencies: LatencySource[];
  /** Mirror edges: the mirror percentage; others: the configured weight (weighted routes only). */
  configured: number | undefined;
  /** Mirror edges: the divergence summaries of the copies on the edge (each once). */
  divergence?: Set<DivergenceEntry>;
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

export function finishGraph(
  input: GraphInput,
  nodes: Map<string, NodeAcc>,
  accs: Map<string, EdgeAcc>,
): GraphResponse {
  const seconds = Math.max(1, input.windowSeconds);
  const outTotals = new Map<string, number>();
  const totalKey = (a: EdgeAcc) => `${a.from.draft.id}\u0001${a.mirror}\u0001${a.protocol}`;
  for (const a of accs.values()) outTotals.set(totalKey(a), (outTotals.get(totalKey(a)) ?? 0) + a.requests);

  // One merger for every edge, its 4096 slots allocated once: merging is a tight loop.
  const merger = new HistogramMerger(true);
  const edges: GraphEdge[] = [];
  for (const a of accs.values()) {
    for (const l of a.latencies) l.addTo(merger);
    const [p50, p95, p99] = merger.quantiles(QUANTILES);
    merger.reset();
    const errorRatio = a.requests > 0 ? a.errors / a.requests : 0;
    const total = outTotals.get(totalKey(a)) ?? 0;
    const traffic: EdgeTraffic = {
      rps: round(a.requests / seconds, 3),
      requests: a.requests,
      errors: a.errors,
      errorRatio: round(errorRatio, 6),
      share: total > 0 ? round(a.requests / total, 6) : 0,
      p50Ms: latency(p50),
      p95Ms: latency(p95),
      p99Ms: latency(p99),
      responseCodes: responseCodes(a.codes),
    };
    const edge: GraphEdge = {
      id: a.id,
      source: a.from.draft.id,
      target: a.to.draft.id,
      mirror: a.mirror,
      protocol: a.protocol,
      traffic,
      health: healthOf(a.requests, errorRatio),
    };
    if (a.configured !== undefined) {
      if (a.mirror) edge.mirrorPercentage = a.configured;
      else edge.configuredWeight = round(a.configured, 4);
    }
    if (a.divergence !== undefined && a.divergence.size > 0) edge.divergence = sumDivergence(a.divergence);
    edges.push(edge);
  }

  const out: GraphNode[] = [];
  const boxes = new Map<string, { node: GraphNode; judged: number; failed: number }>();
  for (const n of nodes.values()) {
    const node = toNode(n, seconds, input);
    out.push(node);
    if (node.parent === undefined) continue;
    let box = boxes.get(node.parent);
    if (box === undefined) {
      const draft = boxNode(n.draft.namespace, n.draft.app ?? n.draft.label);
      box = { node: { ...draft, health: 'idle', inRps: 0, outRps: 0, errorRatio: 0 }, judged: 0, failed: 0 };
      boxes.set(node.parent, box);
    }
    box.node.inRps = round(box.node.inRps + node.inRps, 3);
    box.node.outRps = round(box.node.outRps + node.outRps, 3);
    box.node.health = worstHealth(box.node.health, node.health);
    // Each version counts with the traffic it is judged by (primary, or copies for a shadow version).
    box.judged += n.inReq > 0 ? n.inReq : n.mirrorReq;
    box.failed += n.inReq > 0 ? n.inErr : n.mirrorErr;
  }
  for (const box of boxes.values()) {
    box.node.errorRatio = box.judged > 0 ? round(box.failed / box.judged, 6) : 0;
    out.push(box.node);
  }
  return {
    timestamp: new Date(input.endMs).toISOString(),
    durationSeconds: input.durationSeconds,
    graphType: input.graphType,
    namespaces: [...input.namespaces],
    nodes: out.sort(byId),
    edges: edges.sort(byId),
  };
}

/**
 * A node's rates and health. Health and errorRatio judge incoming primary traffic; a node that only
 * receives mirror copies (a shadow version) is judged by them; a root (no incoming edge) by the
 * health of what it sent (its errorRatio stays 0: nothing came in).
 */
function toNode(n: NodeAcc, seconds: number, input: GraphInput): GraphNode {
  let health: Health;
  let errorRatio = 0;
  if (n.inReq > 0) {
    errorRatio = n.inErr / n.inReq;
    health = healthOf(n.inReq, errorRatio);
  } else if (n.mirrorReq > 0) {
    errorRatio = n.mirrorErr / n.mirrorReq;
    health = healthOf(n.mirrorReq, errorRatio);
  } else {
    health = healthOf(n.outReq, n.outReq > 0 ? n.outErr / n.outReq : 0);
  }
  const node: GraphNode = {
    ...n.draft,
    health,
    inRps: round((n.inReq + n.mirrorReq) / seconds, 3),
    outRps: round(n.outReq / seconds, 3),
    errorRatio: round(errorRatio, 6),
  };
  if (n.draft.kind === 'service' && n.host !== undefined) node.badges = input.mesh.config.badges(n.host);
  if (!n.hasIn) node.isRoot = true;
  return node;
}

/** `[code, n, code, n…]` → `{ "200": n, … }`. Integer-like keys enumerate in ascending order. */
function responseCodes(codes: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < codes.length; i += 2) out[codes[i] as number] = codes[i + 1] as number;
  return out;
}

function latency(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(value, 3);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
