// Fixed-boundary histograms, exactly as Prometheus exposes them (Istio's default buckets).

/** Envoy's default histogram buckets, which Istio uses for `istio_request_duration_milliseconds`. */
export const ISTIO_DURATION_BUCKETS_MS: readonly number[] = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
];

/** Istio's buckets for `istio_request_bytes` and `istio_response_bytes`. */
export const ISTIO_SIZE_BUCKETS_BYTES: readonly number[] = [
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
];

/** JSON form: per-bucket (not cumulative) counts, one more than the bounds (the last is +Inf). */
export interface SerializedBuckets {
  sum: number;
  counts: number[];
}

export class BucketCounts {
  sum = 0;
  count = 0;
  readonly counts: number[];

  constructor(readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  /** Counts `value` in the first bucket whose upper bound is ≥ value (Prometheus `le` is inclusive). */
  record(value: number): void {
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += value;
    this.count++;
  }

  merge(other: BucketCounts | SerializedBuckets): void {
    if (other.counts.length !== this.counts.length) {
      throw new Error(
        `bucket counts of length ${other.counts.length} cannot merge into ${this.counts.length}`,
      );
    }
    for (let i = 0; i < this.counts.length; i++) {
      const c = other.counts[i] ?? 0;
      this.counts[i] = (this.counts[i] as number) + c;
      if (!(other instanceof BucketCounts)) this.count += c;
    }
    if (other instanceof BucketCounts) this.count += other.count;
    this.sum += other.sum;
  }

  /** Cumulative counts for each bound, then +Inf (Prometheus `_bucket` series). */
  cumulative(): number[] {
    const out: number[] = [];
    let acc = 0;
    for (const c of this.counts) {
      acc += c;
      out.push(acc);
    }
    return out;
  }

  toJSON(): SerializedBuckets {
    return { sum: this.sum, counts: this.counts.slice() };
  }
}
