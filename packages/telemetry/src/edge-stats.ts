// Counters and histograms of one edge: what a proxy accumulates per EdgeKey.

import type { SerializedBuckets } from './bucket-counts.js';
import { BucketCounts, ISTIO_DURATION_BUCKETS_MS, ISTIO_SIZE_BUCKETS_BYTES } from './bucket-counts.js';
import type { EdgeKey } from './edge-key.js';
import type { SerializedHistogram } from './log-histogram.js';
import { LogHistogram } from './log-histogram.js';

/** What the proxy measured about one finished request. */
export interface RequestSample {
  durationMs: number;
  /** Request body bytes received (headers excluded, as Istio). */
  requestBytes: number;
  /** Response body bytes sent. */
  responseBytes: number;
}

/** The JSON form of one edge inside a telemetry delta. */
export interface EdgeDelta {
  key: EdgeKey;
  requests: number;
  /** Latency with bounded relative error (for quantiles). */
  durationMs: SerializedHistogram;
  /** Latency in Istio's buckets (for Prometheus). */
  durationBuckets: SerializedBuckets;
  requestBytes: SerializedBuckets;
  responseBytes: SerializedBuckets;
}

export class EdgeStats {
  readonly duration = new LogHistogram();
  readonly durationBuckets = new BucketCounts(ISTIO_DURATION_BUCKETS_MS);
  readonly requestBytes = new BucketCounts(ISTIO_SIZE_BUCKETS_BYTES);
  readonly responseBytes = new BucketCounts(ISTIO_SIZE_BUCKETS_BYTES);

  constructor(readonly key: EdgeKey) {}

  get requests(): number {
    return this.durationBuckets.count;
  }

  record(sample: RequestSample): void {
    this.duration.record(sample.durationMs);
    this.durationBuckets.record(sample.durationMs);
    this.requestBytes.record(sample.requestBytes);
    this.responseBytes.record(sample.responseBytes);
  }

  merge(other: EdgeStats | EdgeDelta): void {
    if (other instanceof EdgeStats) {
      this.duration.merge(other.duration);
    } else {
      this.duration.merge(other.durationMs);
    }
    this.durationBuckets.merge(other.durationBuckets);
    this.requestBytes.merge(other.requestBytes);
    this.responseBytes.merge(other.responseBytes);
  }

  toDelta(): EdgeDelta {
    return {
      key: { ...this.key },
      requests: this.requests,
      durationMs: this.duration.toJSON(),
      durationBuckets: this.durationBuckets.toJSON(),
      requestBytes: this.requestBytes.toJSON(),
      responseBytes: this.responseBytes.toJSON(),
    };
  }

  static fromDelta(delta: EdgeDelta): EdgeStats {
    const stats = new EdgeStats({ ...delta.key });
    stats.merge(delta);
    return stats;
  }
}
