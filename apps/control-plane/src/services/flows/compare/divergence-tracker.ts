// Owns noise learning and per-mirror-edge divergence counts (bounded memory, no I/O, no timers).
// The flows service calls, per exchange: observePrimary(primary) for each primary; compare(primary,
// copy, rules) for each copy; record(primary, copy, comparison) once per compared copy.
import type { FlowComparison, FlowDifference, FlowRecord, MirrorDivergence } from '@shadowmesh/api';
import { flowExchangeId } from '../exchange-id.js';
import { compareFlows } from './compare-flows.js';
import { type CompareRules, compileCompareRules } from './compare-rules.js';
import { EdgeCounts, type EdgeIdentity } from './edge-counts.js';
import { fieldKey } from './field-keys.js';
import { LruMap } from './lru-map.js';
import { NoiseLearner } from './noise-learner.js';
import { flowShape } from './request-shape.js';

export interface DivergenceTrackerOptions {
  /** Mirror edges kept (LRU). Default 1,000. */
  maxEdges?: number;
  /** Request shapes kept for noise learning (LRU), and per edge. Default 1,000 and 100. */
  maxShapes?: number;
  /** Distinct signatures counted per edge and shape; more go to an "other" bucket. Default 64. */
  maxSignaturesPerShape?: number;
  /** Example request ids kept per field (newest). Default 5. */
  examples?: number;
  /** Shapes counted per edge (LRU; evicted counts are folded into totals). Default min(maxShapes, 100). */
  maxShapesPerEdge?: number;
}

export interface DivergenceFilter {
  /** Namespace of the primary service. */
  namespace?: string;
  /** Primary or target service: FQDN, `name.namespace` or short name. */
  service?: string;
}

/** Fields kept per fingerprint (a 16 KiB JSON answer has a few hundred): bounds noise memory per shape. */
const MAX_FIELDS_PER_FINGERPRINT = 500;
const MAX_VOLATILE_PER_SHAPE = 256;

export class DivergenceTracker {
  private readonly noise: NoiseLearner;
  private readonly edges: LruMap<string, EdgeCounts>;
  private readonly limits: { maxShapes: number; maxSignaturesPerShape: number; examples: number };
  private seq = 0;

  constructor(options: DivergenceTrackerOptions = {}) {
    const maxShapes = positiveInt('maxShapes', options.maxShapes ?? 1_000);
    this.noise = new NoiseLearner({
      maxShapes,
      maxFieldsPerFingerprint: MAX_FIELDS_PER_FINGERPRINT,
      maxVolatilePerShape: MAX_VOLATILE_PER_SHAPE,
    });
    this.edges = new LruMap(positiveInt('maxEdges', options.maxEdges ?? 1_000));
    this.limits = {
      maxShapes: positiveInt('maxShapesPerEdge', options.maxShapesPerEdge ?? Math.min(maxShapes, 100)),
      maxSignaturesPerShape: positiveInt('maxSignaturesPerShape', options.maxSignaturesPerShape ?? 64),
      examples: positiveInt('examples', options.examples ?? 5),
    };
  }

  /** Edges and noise shapes held (for tests and metrics). */
  get size(): { edges: number; shapes: number } {
    return { edges: this.edges.size, shapes: this.noise.shapeCount };
  }

  /** Learns volatile fields from primaries of the same shape (both with captured response bodies). */
  observePrimary(primary: FlowRecord): void {
    if (primary.type !== 'primary' || primary.status === 0 || primary.responseBody === null) return;
    this.noise.observe(flowShape(primary), primary);
  }

  /** Compares one copy with its primary, marking ignored differences. Does not record. */
  compare(primary: FlowRecord, copy: FlowRecord, rules: CompareRules): FlowComparison {
    const noise = this.noise.peek(flowShape(primary));
    return compareFlows(primary, copy, {
      rules: compileCompareRules(rules),
      isVolatile: noise ? (key) => noise.isVolatile(key) : () => false,
    });
  }

  /** Counts a compared mirror copy for its edge (baseline copies feed noise learning instead). */
  record(primary: FlowRecord, copy: FlowRecord, comparison: FlowComparison): void {
    const shape = flowShape(primary);
    if (copy.type === 'baseline') {
      if (comparison.result !== 'incomparable')
        this.noise.learn(shape, baselineNoise(comparison.differences));
      return;
    }
    if (copy.type !== 'mirror') return;
    const edge = this.edge(primary, copy);
    if (comparison.result === 'incomparable') {
      edge.incomparable++;
      return;
    }
    const keys = comparison.differences.filter((d) => d.ignored === undefined).map(fieldKey);
    edge.record(shape, this.noise.noise(shape), keys, {
      seq: ++this.seq,
      exchangeId: flowExchangeId(primary),
    });
  }

  /** Divergence per mirror edge, volatile fields applied now. Sorted by namespace, service, target. */
  summaries(filter: DivergenceFilter = {}): MirrorDivergence[] {
    const out: MirrorDivergence[] = [];
    for (const edge of this.edges.values()) {
      const id = edge.identity;
      if (filter.namespace !== undefined && id.namespace !== filter.namespace) continue;
      if (filter.service !== undefined && !matchesService(id, filter.service)) continue;
      out.push(edge.summarize());
    }
    return out.sort(compareSummaries);
  }

  private edge(primary: FlowRecord, copy: FlowRecord): EdgeCounts {
    const identity: EdgeIdentity = {
      namespace: primary.destination.namespace,
      service: primary.destination.service,
      ...(primary.route !== undefined && { route: primary.route }),
      source: { workload: primary.source.workload, namespace: primary.source.namespace },
      target: {
        service: copy.destination.service,
        namespace: copy.destination.namespace,
        ...(copy.destination.subset !== undefined && { subset: copy.destination.subset }),
      },
    };
    const key = JSON.stringify([
      identity.source.workload,
      identity.source.namespace,
      identity.service,
      identity.namespace,
      identity.route ?? null,
      identity.target.service,
      identity.target.namespace,
      identity.target.subset ?? null,
    ]);
    let edge = this.edges.get(key);
    if (!edge) {
      edge = new EdgeCounts(identity, this.limits);
      this.edges.set(key, edge);
    }
    return edge;
  }
}

/** Baseline differences that are noise: not status (an error is not noise), not already explained. */
function baselineNoise(differences: readonly FlowDifference[]): string[] {
  return differences
    .filter((d) => d.kind !== 'status' && (d.ignored === undefined || d.ignored === 'volatile'))
    .map(fieldKey);
}

function matchesService(id: EdgeIdentity, query: string): boolean {
  const q = query.toLowerCase();
  const hit = (host: string) => {
    const h = host.toLowerCase();
    return h === q || h.startsWith(`${q}.`);
  };
  return hit(id.service) || hit(id.target.service);
}

function compareSummaries(a: MirrorDivergence, b: MirrorDivergence): number {
  const ka = [
    a.namespace,
    a.service,
    a.target.service,
    a.target.subset ?? '',
    a.source.workload,
    a.route ?? '',
  ];
  const kb = [
    b.namespace,
    b.service,
    b.target.service,
    b.target.subset ?? '',
    b.source.workload,
    b.route ?? '',
  ];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i]! !== kb[i]!) return ka[i]! < kb[i]! ? -1 : 1;
  }
  return 0;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
  return value;
}
