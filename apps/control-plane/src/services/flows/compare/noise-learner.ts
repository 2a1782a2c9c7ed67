// Noise learning per request shape: the previous primary's fingerprint and the fields learned
// volatile. Bounded: an LRU of shapes, a cap on fields per fingerprint and on volatile fields per shape.
import type { FlowRecord } from '@shadowmesh/api';
import { isVolatileField } from './field-keys.js';
import { LruMap } from './lru-map.js';
import { disagreeingFields, fingerprintResponse, type ResponseFingerprint } from './response-fingerprint.js';

export interface NoiseLimits {
  maxShapes: number;
  maxFieldsPerFingerprint: number;
  maxVolatilePerShape: number;
}

/** What is known about one request shape's noise. Edges keep a reference (see DivergenceTracker). */
export class ShapeNoise {
  readonly volatile = new Set<string>();
  last: ResponseFingerprint | null = null;

  constructor(private readonly maxVolatile: number) {}

  markVolatile(key: string): void {
    if (this.volatile.size < this.maxVolatile) this.volatile.add(key);
  }

  /** Takes over what an older record of the same shape (evicted since) had learned. */
  absorb(older: ShapeNoise): void {
    for (const key of older.volatile) this.markVolatile(key);
  }

  isVolatile(key: string): boolean {
    return isVolatileField(this.volatile, key);
  }
}

export class NoiseLearner {
  private readonly shapes: LruMap<string, ShapeNoise>;

  constructor(private readonly limits: NoiseLimits) {
    // An evicted record may live on in edges (for its volatile fields): drop its fingerprint now.
    this.shapes = new LruMap(limits.maxShapes, (_shape, noise) => {
      noise.last = null;
    });
  }

  get shapeCount(): number {
    return this.shapes.size;
  }

  /** The shape's record, created when missing. */
  noise(shape: string): ShapeNoise {
    let noise = this.shapes.get(shape);
    if (!noise) {
      noise = new ShapeNoise(this.limits.maxVolatilePerShape);
      this.shapes.set(shape, noise);
    }
    return noise;
  }

  peek(shape: string): ShapeNoise | undefined {
    return this.shapes.peek(shape);
  }

  /** A primary with a captured body: fields differing from the previous such primary become volatile. */
  observe(shape: string, primary: FlowRecord): void {
    const fingerprint = fingerprintResponse(primary, this.limits.maxFieldsPerFingerprint);
    const noise = this.noise(shape);
    if (noise.last) for (const key of disagreeingFields(noise.last, fingerprint)) noise.markVolatile(key);
    noise.last = fingerprint;
  }

  /** Fields that differed between a primary and its baseline copy (same code answering twice). */
  learn(shape: string, keys: readonly string[]): void {
    if (keys.length === 0) return;
    const noise = this.noise(shape);
    for (const key of keys) noise.markVolatile(key);
  }
}
