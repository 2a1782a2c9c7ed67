// A mergeable latency histogram with bounded relative error (logarithmic buckets, as in DDSketch).
//
// Why hand-written rather than hdr-histogram-js: this package is pure (no node: APIs, no WASM), the
// histogram travels every second as JSON from each proxy to the control plane and is merged there, and
// the bound we need is a relative one. Bucket i holds the values in (γ^(i-1), γ^i] with
// γ = (1+α)/(1-α); answering a quantile with 2γ^i/(γ+1) is then within α of the true sample at that
// rank, for every quantile, whatever the distribution. With α = 1% a range of 1 µs … 3 h needs at most
// ~1,200 buckets, stored densely between the lowest and highest index seen.

/** α: every quantile answered is within this relative error of the true sample at that rank. */
export const HISTOGRAM_RELATIVE_ACCURACY = 0.01;
/** Values at or below this (1 µs when recording milliseconds) share the lowest bucket. */
export const HISTOGRAM_MIN_VALUE = 1e-3;

const GAMMA = (1 + HISTOGRAM_RELATIVE_ACCURACY) / (1 - HISTOGRAM_RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);
const MIN_INDEX = Math.ceil(Math.log(HISTOGRAM_MIN_VALUE) / LN_GAMMA);

/** The JSON form sent on the wire (inside a versioned telemetry delta). */
export interface SerializedHistogram {
  /** α the buckets were built with; histograms merge only with equal α. */
  accuracy: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Bucket index of `counts[0]`. */
  offset: number;
  counts: number[];
}

export class LogHistogram {
  count = 0;
  sum = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  private offset = 0;
  private counts: number[] = [];

  /** Records one value (negative and non-finite values are ignored: they are programmer errors upstream). */
  record(value: number): void {
    if (!(value >= 0) || value === Number.POSITIVE_INFINITY) return;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    const index = value <= HISTOGRAM_MIN_VALUE ? MIN_INDEX : Math.ceil(Math.log(value) / LN_GAMMA);
    this.add(index, 1);
  }

  /** Adds every value of `other` into this histogram. */
  merge(other: LogHistogram | SerializedHistogram): void {
    if (other.count === 0) return;
    if ('accuracy' in other && other.accuracy !== HISTOGRAM_RELATIVE_ACCURACY) {
      throw new Error(
        `histogram accuracy ${other.accuracy} cannot merge into ${HISTOGRAM_RELATIVE_ACCURACY}`,
      );
    }
    const offset = other instanceof LogHistogram ? other.offset : other.offset;
    const counts = other instanceof LogHistogram ? other.counts : other.counts;
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i] ?? 0;
      if (c > 0) this.add(offset + i, c);
    }
  }

  /** The value at quantile q ∈ [0, 1] (within α of the sample at rank ⌊q·(n−1)⌋), or null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    if (q <= 0) return this.min;
    if (q >= 1) return this.max;
    const rank = Math.floor(q * (this.count - 1));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen > rank) {
        const estimate = (2 * GAMMA ** (this.offset + i)) / (GAMMA + 1);
        return Math.min(this.max, Math.max(this.min, estimate));
      }
    }
    return this.max;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }

  toJSON(): SerializedHistogram {
    let first = 0;
    let last = this.counts.length - 1;
    while (first <= last && this.counts[first] === 0) first++;
    while (last >= first && this.counts[last] === 0) last--;
    return {
      accuracy: HISTOGRAM_RELATIVE_ACCURACY,
      count: this.count,
      sum: this.sum,
      min: this.count === 0 ? 0 : this.min,
      max: this.count === 0 ? 0 : this.max,
      offset: this.offset + first,
      counts: this.counts.slice(first, last + 1),
    };
  }

  static fromJSON(json: SerializedHistogram): LogHistogram {
    const h = new LogHistogram();
    h.merge(json);
    return h;
  }

  private add(index: number, n: number): void {
    if (this.counts.length === 0) {
      this.offset = index;
      this.counts.push(n);
      return;
    }
    if (index < this.offset) {
      const grow = this.offset - index;
      this.counts = new Array<number>(grow).fill(0).concat(this.counts);
      this.offset = index;
    }
    const at = index - this.offset;
    while (this.counts.length <= at) this.counts.push(0);
    this.counts[at] = (this.counts[at] ?? 0) + n;
  }
}
