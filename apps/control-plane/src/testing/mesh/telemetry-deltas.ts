// Telemetry as proxies send it, built with @shadowmesh/telemetry's own recorder types: edge keys with
// defaults, edge deltas from latency samples, and whole `TelemetryDelta` payloads.
import type { EdgeDelta, EdgeKey, TelemetryDelta } from '@shadowmesh/telemetry';
import { EdgeStats, TELEMETRY_DELTA_VERSION } from '@shadowmesh/telemetry';
import { SAMPLE_KEY } from '@shadowmesh/telemetry/testing';

/** A key from `sleep` (app sleep, no version) to httpbin v1, primary, 200, reported by the source. */
export function edgeKey(overrides: Partial<EdgeKey> = {}): EdgeKey {
  return { ...SAMPLE_KEY, ...overrides };
}

/** The key of the same request as the destination proxy reports it. */
export function destinationReported(key: EdgeKey): EdgeKey {
  return { ...key, reporter: 'destination' };
}

/** An edge delta holding one request per latency (ms); request and response bodies of the given sizes. */
export function edgeDelta(
  key: EdgeKey,
  latenciesMs: readonly number[],
  bytes = { request: 0, response: 100 },
): EdgeDelta {
  const stats = new EdgeStats(key);
  for (const durationMs of latenciesMs) {
    stats.record({ durationMs, requestBytes: bytes.request, responseBytes: bytes.response });
  }
  return stats.toDelta();
}

/** `n` requests of the same latency. */
export function requests(key: EdgeKey, n: number, latencyMs = 5): EdgeDelta {
  return edgeDelta(key, new Array<number>(n).fill(latencyMs));
}

export function telemetryDelta(edges: EdgeDelta[], nowMs = Date.now()): TelemetryDelta {
  return {
    version: TELEMETRY_DELTA_VERSION,
    windowStartMs: nowMs - 1000,
    windowEndMs: nowMs,
    edges,
    mirror: [],
  };
}
