// Divergence counts of one mirror edge, per request shape and per signature (the sorted set of
// counted field keys of a compared pair). Volatile fields are applied when reading, so a field learned
// volatile after some pairs were counted stops counting for those pairs too. Bounded: shapes per edge
// (LRU; an evicted shape's counts are folded into `retired` as they read then), signatures per shape
// (then an `other` bucket that always counts as divergent), fields per aggregate, examples per field.
import type { DivergenceField, FlowPeer, MirrorDivergence } from '@shadowmesh/api';
import { countedKeys, splitFieldKey } from './field-keys.js';
import { LruMap } from './lru-map.js';
import type { ShapeNoise } from './noise-learner.js';

export interface EdgeIdentity {
  namespace: string;
  service: string;
  route?: string;
  source: FlowPeer;
  target: MirrorDivergence['target'];
}

export interface EdgeLimits {
  maxShapes: number;
  maxSignaturesPerShape: number;
  examples: number;
}

interface Example {
  seq: number;
  /** The exchange (`/api/v1/flows/{id}`) showing the difference. */
  exchangeId: string;
}

/** Per field: pairs and newest examples (newest first). */
type FieldTallies = Map<string, { count: number; examples: Example[] }>;

interface Signature {
  keys: string[];
  count: number;
  examples: Map<string, Example[]>;
}

interface ShapeCounts {
  noise: ShapeNoise;
  compared: number;
  signatures: Map<string, Signature>;
  other: { pairs: number; fields: FieldTallies };
}

/** Field keys kept per aggregate (`other`, `retired`); further keys still count pairs, not fields. */
const MAX_AGGREGATE_FIELDS = 200;
/** Field keys kept per signature: a pair differing in more is divergent anyway. */
export const MAX_SIGNATURE_FIELDS = 64;

export class EdgeCounts {
  incomparable = 0;
  private readonly shapes: LruMap<string, ShapeCounts>;
  private readonly retired = { compared: 0, divergent: 0, fields: new Map() as FieldTallies };

  constructor(
    readonly identity: EdgeIdentity,
    private readonly limits: EdgeLimits,
  ) {
    this.shapes = new LruMap(limits.maxShapes, (_shape, counts) => this.retire(counts));
  }

  get shapeCount(): number {
    return this.shapes.size;
  }

  /** One compared pair: `keys` are the fields counted at comparison time. */
  record(shape: string, noise: ShapeNoise, keys: readonly string[], example: Example): void {
    let counts = this.shapes.get(shape);
    if (!counts) {
      counts = { noise, compared: 0, signatures: new Map(), other: { pairs: 0, fields: new Map() } };
      this.shapes.set(shape, counts);
    } else if (counts.noise !== noise) {
      noise.absorb(counts.noise); // the learner forgot this shape once: keep what was learned
      counts.noise = noise;
    }
    counts.compared++;
    if (keys.length === 0) return;
    const sorted = [...new Set(keys)].sort().slice(0, MAX_SIGNATURE_FIELDS);
    const id = sorted.join('\n');
    let sig = counts.signatures.get(id);
    if (!sig && counts.signatures.size < this.limits.maxSignaturesPerShape) {
      sig = { keys: sorted, count: 0, examples: new Map() };
      counts.signatures.set(id, sig);
    }
    if (!sig) {
      counts.other.pairs++;
      for (const key of sorted) {
        tally(counts.other.fields, key, 1, [example], this.limits.examples, MAX_AGGREGATE_FIELDS);
      }
      return;
    }
    sig.count++;
    for (const key of sorted)
      sig.examples.set(key, newest([example], sig.examples.get(key), this.limits.examples));
  }

  summarize(): MirrorDivergence {
    let compared = this.retired.compared;
    let divergent = this.retired.divergent;
    const fields: FieldTallies = new Map();
    for (const [key, t] of this.retired.fields) tally(fields, key, t.count, t.examples, this.limits.examples);
    const volatile = new Set<string>();
    for (const counts of this.shapes.values()) {
      const s = this.readShape(counts);
      compared += s.compared;
      divergent += s.divergent;
      for (const [key, t] of s.fields) tally(fields, key, t.count, t.examples, this.limits.examples);
      for (const key of counts.noise.volatile) volatile.add(key);
    }
    const top: DivergenceField[] = [...fields]
      .sort(([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : 1))
      .slice(0, 10)
      .map(([key, t]) => ({
        ...splitFieldKey(key),
        count: t.count,
        ratio: compared === 0 ? 0 : t.count / compared,
        examples: t.examples.map((e) => e.exchangeId),
      }));
    return {
      ...this.identity,
      compared,
      divergent,
      ratio: compared === 0 ? 0 : divergent / compared,
      incomparable: this.incomparable,
      fields: top,
      volatileFields: [...volatile].sort(),
    };
  }

  /** A shape's counts with its current volatile fields applied. */
  private readShape(counts: ShapeCounts): { compared: number; divergent: number; fields: FieldTallies } {
    const isVolatile = (key: string) => counts.noise.isVolatile(key);
    const fields: FieldTallies = new Map();
    let divergent = counts.other.pairs;
    for (const sig of counts.signatures.values()) {
      const kept = countedKeys(sig.keys, isVolatile);
      if (kept.length === 0) continue;
      divergent += sig.count;
      for (const key of kept)
        tally(fields, key, sig.count, sig.examples.get(key) ?? [], this.limits.examples);
    }
    for (const [key, t] of counts.other.fields) {
      if (!isVolatile(key)) tally(fields, key, t.count, t.examples, this.limits.examples);
    }
    return { compared: counts.compared, divergent, fields };
  }

  private retire(counts: ShapeCounts): void {
    const s = this.readShape(counts);
    this.retired.compared += s.compared;
    this.retired.divergent += s.divergent;
    for (const [key, t] of s.fields) {
      tally(this.retired.fields, key, t.count, t.examples, this.limits.examples, MAX_AGGREGATE_FIELDS);
    }
  }
}

function tally(
  into: FieldTallies,
  key: string,
  count: number,
  examples: readonly Example[],
  limit: number,
  maxFields = Number.POSITIVE_INFINITY,
): void {
  const t = into.get(key);
  if (t) {
    t.count += count;
    t.examples = newest(examples, t.examples, limit);
  } else if (into.size < maxFields) {
    into.set(key, { count, examples: newest(examples, undefined, limit) });
  }
}

function newest(a: readonly Example[], b: readonly Example[] | undefined, limit: number): Example[] {
  const all = b ? [...a, ...b] : [...a];
  return all.sort((x, y) => y.seq - x.seq).slice(0, limit);
}
