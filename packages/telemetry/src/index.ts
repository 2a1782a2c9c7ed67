export type { SerializedBuckets } from './bucket-counts.js';
export {
  BucketCounts,
  ISTIO_DURATION_BUCKETS_MS,
  ISTIO_SIZE_BUCKETS_BYTES,
} from './bucket-counts.js';
export type { CompactEdge, CompactKey, CompactMirror, CompactTelemetryDelta } from './compact-delta.js';
export {
  COMPACT_DELTA_LIMITS,
  COMPACT_DELTA_VERSION,
  compactDelta,
  encodeBuckets,
  encodeEdge,
  encodeHistogram,
  encodeKey,
  encodeMirror,
} from './compact-delta.js';
export type { DecodedCompactDelta, KeyCheck } from './compact-delta-parse.js';
export { parseCompactDelta, sameKey } from './compact-delta-parse.js';
export type { EdgeKey, Reporter, RequestProtocol, RequestType } from './edge-key.js';
export { EDGE_KEY_FIELDS, edgeKeyId, UNKNOWN } from './edge-key.js';
export type { EdgeDelta, RequestSample } from './edge-stats.js';
export { EdgeStats } from './edge-stats.js';
export type { SerializedHistogram } from './log-histogram.js';
export { HISTOGRAM_MIN_VALUE, HISTOGRAM_RELATIVE_ACCURACY, LogHistogram } from './log-histogram.js';
export type { MirrorDelta, MirrorOutcome, MirrorOutcomeCounts } from './mirror-counters.js';
export { emptyOutcomeCounts, MIRROR_OUTCOMES, MirrorCounters, totalOutcomes } from './mirror-counters.js';
export type { PrometheusInput } from './prometheus-text.js';
export { edgeLabels, PROMETHEUS_CONTENT_TYPE, renderPrometheus } from './prometheus-text.js';
export type { ParseResult, TelemetryDelta } from './telemetry-delta.js';
export { parseTelemetryDelta, TELEMETRY_DELTA_VERSION } from './telemetry-delta.js';
export type { DecodedTelemetry, TelemetryDeltaReaderOptions } from './telemetry-delta-reader.js';
export { TelemetryDeltaReader } from './telemetry-delta-reader.js';
export type {
  CompactDeltaOptions,
  TelemetryRecorderOptions,
  TelemetrySnapshot,
} from './telemetry-recorder.js';
export { TelemetryRecorder } from './telemetry-recorder.js';
