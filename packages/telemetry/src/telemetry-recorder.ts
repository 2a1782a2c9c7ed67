// Per-proxy accumulation: records requests and mirror outcomes, hands out per-window deltas, and keeps
// the running totals that `/stats/prometheus` exposes.

import type { EdgeKey } from './edge-key.js';
import { edgeKeyId } from './edge-key.js';
import type { RequestSample } from './edge-stats.js';
import { EdgeStats } from './edge-stats.js';
import type { MirrorDelta, MirrorOutcome } from './mirror-counters.js';
import { MirrorCounters } from './mirror-counters.js';
import type { TelemetryDelta } from './telemetry-delta.js';
import { TELEMETRY_DELTA_VERSION } from './telemetry-delta.js';

export interface TelemetrySnapshot {
  edges: EdgeStats[];
  mirror: MirrorDelta[];
}

export class TelemetryRecorder {
  private pending = new Map<string, EdgeStats>();
  private readonly totals = new Map<string, EdgeStats>();
  private readonly pendingMirror = new MirrorCounters();
  private readonly totalMirror = new MirrorCounters();
  private windowStartMs: number;

  constructor(nowMs: number) {
    this.windowStartMs = nowMs;
  }

  /** Records one finished request on its edge. Pass `id` when the caller already computed `edgeKeyId(key)`. */
  record(key: EdgeKey, sample: RequestSample, id: string = edgeKeyId(key)): void {
    let stats = this.pending.get(id);
    if (stats === undefined) {
      stats = new EdgeStats({ ...key });
      this.pending.set(id, stats);
    }
    stats.record(sample);
  }

  countMirror(target: string, outcome: MirrorOutcome): void {
    this.pendingMirror.count(target, outcome);
  }

  /** The increments since the previous call (null when nothing happened); they move into the totals. */
  takeDelta(nowMs: number): TelemetryDelta | null {
    const windowStartMs = this.windowStartMs;
    this.windowStartMs = nowMs;
    if (this.pending.size === 0 && this.pendingMirror.size === 0) return null;
    const edges = [];
    for (const [id, stats] of this.pending) {
      edges.push(stats.toDelta());
      const total = this.totals.get(id);
      if (total === undefined) this.totals.set(id, stats);
      else total.merge(stats);
    }
    this.pending = new Map();
    const mirror = this.pendingMirror.entries();
    this.totalMirror.merge(mirror);
    this.pendingMirror.clear();
    return { version: TELEMETRY_DELTA_VERSION, windowStartMs, windowEndMs: nowMs, edges, mirror };
  }

  /** Running totals since start, including what the next delta will carry. */
  snapshot(): TelemetrySnapshot {
    const merged = new Map<string, EdgeStats>();
    for (const source of [this.totals, this.pending]) {
      for (const [id, stats] of source) {
        let into = merged.get(id);
        if (into === undefined) {
          into = new EdgeStats({ ...stats.key });
          merged.set(id, into);
        }
        into.merge(stats);
      }
    }
    const mirror = new MirrorCounters();
    mirror.merge(this.totalMirror.entries());
    mirror.merge(this.pendingMirror.entries());
    return { edges: [...merged.values()], mirror: mirror.entries() };
  }
}
