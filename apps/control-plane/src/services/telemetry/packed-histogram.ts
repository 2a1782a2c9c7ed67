// Latency histograms as the time-series store keeps them: the buckets of @shadowmesh/telemetry's
// LogHistogram (α = 1 %), each non-empty bucket packed into one 32-bit integer (12 bits of bucket
// index, 20 bits of count). Merging is adding counts per index, so any window merges exactly, and a
// quantile answered from merged buckets keeps LogHistogram's bound: within 1 % of the sample at that rank.
import type { SerializedHistogram } from '@shadowmesh/telemetry';
import { HISTOGRAM_MIN_VALUE, HISTOGRAM_RELATIVE_ACCURACY } from '@shadowmesh/telemetry';

const GAMMA = (1 + HISTOGRAM_RELATIVE_ACCURACY) / (1 - HISTOGRAM_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
/** LogHistogram's lowest bucket (values ≤ 1 µs when recording milliseconds). */
const MIN_INDEX = Math.ceil(Math.log(HISTOGRAM_MIN_VALUE) / LN_GAMMA);

/** Bucket indexes are stored offset by this, in 12 bits: -2048 … 2047 (γ^2047 ≈ 10^17 ms). */
const INDEX_OFFSET = 2048;
const INDEX_SLOTS = 4096;
const COUNT_BITS = 20;
/** Largest count one packed entry holds; larger counts take several entries with the same index. */
export const MAX_PACKED_COUNT = 2 ** COUNT_BITS - 1;

export function packEntry(index: number, count: number): number {
  const i = Math.min(INDEX_SLOTS - 1, Math.max(0, index + INDEX_OFFSET));
  return (i * 2 ** COUNT_BITS + count) >>> 0;
}

export function entryIndex(packed: number): number {
  return (packed >>> COUNT_BITS) - INDEX_OFFSET;
}

export function entryCount(packed: number): number {
  return packed & MAX_PACKED_COUNT;
}

/** LogHistogram's answer for bucket `index`: 2γ^i/(γ+1), within α of every value in the bucket. */
export function bucketValue(index: number): number {
  return (2 * GAMMA ** index) / (GAMMA + 1);
}

/** Appends the non-empty buckets of a serialized histogram as [index, count] pairs. */
export function appendPairs(out: number[], histogram: SerializedHistogram): void {
  const { counts, offset } = histogram;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > 0) out.push(Math.max(MIN_INDEX, offset + i), c);
  }
}

/** Packs [index, count] pairs (any order, repeated indexes allowed) into sorted, combined entries. */
export function packPairs(pairs: readonly number[], combine: boolean): number[] {
  const out: number[] = [];
  if (!combine) {
    for (let i = 0; i < pairs.length; i += 2) pushPacked(out, pairs[i] as number, pairs[i + 1] as number);
    return out;
  }
  const byIndex = new Map<number, number>();
  for (let i = 0; i < pairs.length; i += 2) {
    const index = pairs[i] as number;
    byIndex.set(index, (byIndex.get(index) ?? 0) + (pairs[i + 1] as number));
  }
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    pushPacked(out, index, byIndex.get(index) as number);
  }
  return out;
}

function pushPacked(out: number[], index: number, count: number): void {
  let left = count;
  while (left > 0) {
    const n = Math.min(left, MAX_PACKED_COUNT);
    out.push(packEntry(index, n));
    left -= n;
  }
}

/**
 * Merges packed entries and answers quantiles. Its buckets are a dense array over the slots seen so
 * far (grown on demand, typically a few hundred), so one merger per graph edge is cheap, and adding is
 * a tight loop over the entries.
 */
export class HistogramMerger {
  private counts: Float64Array;
  /** Slot of `counts[0]`. */
  private offset = 0;
  private low = INDEX_SLOTS;
  private high = -1;
  count = 0;

  /** `full`: allocate every slot up front (32 KB), for one merger reused across many histograms. */
  constructor(full = false) {
    this.counts = new Float64Array(full ? INDEX_SLOTS : 0);
  }

  add(entries: ArrayLike<number>, from = 0, to = entries.length): void {
    // Locals, not fields, in the loop: this runs for every bucket of every series of a graph.
    let counts = this.counts;
    let offset = this.offset;
    let end = offset + counts.length;
    let low = this.low;
    let high = this.high;
    let total = 0;
    for (let i = from; i < to; i++) {
      const packed = entries[i] as number;
      const slot = packed >>> COUNT_BITS;
      const c = packed & MAX_PACKED_COUNT;
      if (slot < offset || slot >= end) {
        this.grow(slot);
        counts = this.counts;
        offset = this.offset;
        end = offset + counts.length;
      }
      counts[slot - offset] = (counts[slot - offset] as number) + c;
      total += c;
      if (slot < low) low = slot;
      if (slot > high) high = slot;
    }
    this.low = low;
    this.high = high;
    this.count += total;
  }

  /**
   * Values at each quantile q ∈ [0, 1] (ascending), as LogHistogram answers them (rank ⌊q·(n−1)⌋);
   * null when empty. One pass over the buckets.
   */
  quantiles(qs: readonly number[]): (number | null)[] {
    const out: (number | null)[] = qs.map(() => null);
    if (this.count === 0 || qs.length === 0) return out;
    const counts = this.counts;
    const last = this.count - 1;
    const rankOf = (k: number) => Math.floor(Math.min(1, Math.max(0, qs[k] as number)) * last);
    let k = 0;
    let rank = rankOf(0);
    let seen = 0;
    for (let slot = this.low; slot <= this.high; slot++) {
      seen += counts[slot - this.offset] as number;
      while (seen > rank) {
        out[k] = bucketValue(slot - INDEX_OFFSET);
        if (++k === qs.length) return out;
        rank = rankOf(k);
      }
    }
    return out;
  }

  /** Calls `visit` for each non-empty bucket, by ascending index. */
  forEachBucket(visit: (index: number, count: number) => void): void {
    const counts = this.counts;
    for (let slot = this.low; slot <= this.high; slot++) {
      const c = counts[slot - this.offset] as number;
      if (c > 0) visit(slot - INDEX_OFFSET, c);
    }
  }

  reset(): void {
    if (this.high >= this.low) this.counts.fill(0, this.low - this.offset, this.high - this.offset + 1);
    this.low = INDEX_SLOTS;
    this.high = -1;
    this.count = 0;
  }

  /** Widens the dense range to hold `slot` (with room around it, within the 4096 slots). */
  private grow(slot: number): void {
    const old = this.counts;
    const from = old.length === 0 ? slot : Math.min(slot, this.offset);
    const to = old.length === 0 ? slot + 1 : Math.max(slot + 1, this.offset + old.length);
    const pad = Math.max(32, to - from);
    const start = Math.max(0, from - pad);
    const counts = new Float64Array(Math.min(INDEX_SLOTS, to + pad) - start);
    if (old.length > 0) counts.set(old, this.offset - start);
    this.counts = counts;
    this.offset = start;
  }
}
