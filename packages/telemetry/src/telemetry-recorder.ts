// Per-proxy accumulation: records requests and mirror outcomes, hands out per-window deltas, and keeps
// the running totals that `/stats/prometheus` exposes.

import type { CompactEdge, CompactKey, CompactTelemetryDelta } from './compact-delta.js';
import { COMPACT_DELTA_VERSION, encodeEdge, encodeKey, encodeMirror } from './compact-delta.js';
import type { EdgeKey } from './edge-key.js';
import { edgeKeyId } from './edge-key.js';
import type { RequestSample } from './edge-stats.js';
import { EdgeStats } from './edge-stats.js';
import { HISTOGRAM_RELATIVE_ACCURACY } from './log-histogram.js';
import type { MirrorDelta, MirrorOutcome } from './mirror-counters.js';
import { MirrorCounters } from './mirror-counters.js';
import type { TelemetryDelta } from './telemetry-delta.js';
import { TELEMETRY_DELTA_VERSION } from './telemetry-delta.js';

export interface TelemetrySnapshot {
  edges: EdgeStats[];
  mirror: MirrorDelta[];
}

export interface TelemetryRecorderOptions {
  /**
   * Compact deltas resend a key on its next use once this long has passed since keys were last all
   * assumed unknown (default 30 s): a receiver that lost them (a reconnect nobody told the recorder
   * about) recovers within this time.
   */
  keyRefreshMs?: number;
}

export interface CompactDeltaOptions {
  /** The first delta of a new connection: send the key of every edge it carries (as `resetKeys()`). */
  fresh?: boolean;
}

const DEFAULT_KEY_REFRESH_MS = 30_000;

export class TelemetryRecorder {
  private pending = new Map<string, EdgeStats>();
  private readonly totals = new Map<string, EdgeStats>();
  private readonly pendingMirror = new MirrorCounters();
  private readonly totalMirror = new MirrorCounters();
  private windowStartMs: number;
  /** Compact deltas: the numeric id of each key (stable for the recorder's life). */
  private readonly keyIds = new Map<string, number>();
  /** Compact deltas: ids whose key was sent since the key session began. */
  private sentKeys = new Set<number>();
  private keySessionMs: number | null = null;
  private readonly keyRefreshMs: number;

  constructor(nowMs: number, options: TelemetryRecorderOptions = {}) {
    this.windowStartMs = nowMs;
    this.keyRefreshMs = options.keyRefreshMs ?? DEFAULT_KEY_REFRESH_MS;
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

  /**
   * The increments since the previous call, as an expanded version 1 delta (null when nothing
   * happened); they move into the totals.
   */
  takeDelta(nowMs: number): TelemetryDelta | null {
    const drained = this.drain(nowMs);
    if (drained === null) return null;
    const { windowStartMs, edges, mirror } = drained;
    return {
      version: TELEMETRY_DELTA_VERSION,
      windowStartMs,
      windowEndMs: nowMs,
      edges: edges.map(([, stats]) => stats.toDelta()),
      mirror,
    };
  }

  /**
   * The increments since the previous call as a compact version 2 delta (null when nothing happened).
   * It carries the key of each edge whose key was not sent yet in this key session; call `resetKeys()`
   * (or pass `fresh`) when a new connection starts, so that the receiver gets every key again.
   */
  takeCompactDelta(nowMs: number, options: CompactDeltaOptions = {}): CompactTelemetryDelta | null {
    if (
      options.fresh === true ||
      this.keySessionMs === null ||
      nowMs - this.keySessionMs >= this.keyRefreshMs ||
      nowMs < this.keySessionMs
    ) {
      this.sentKeys = new Set();
      this.keySessionMs = nowMs;
    }
    const drained = this.drain(nowMs);
    if (drained === null) return null;
    const keys: CompactKey[] = [];
    const edges: CompactEdge[] = [];
    for (const [id, stats] of drained.edges) {
      let n = this.keyIds.get(id);
      if (n === undefined) {
        n = this.keyIds.size;
        this.keyIds.set(id, n);
      }
      if (!this.sentKeys.has(n)) {
        keys.push(encodeKey(n, stats.key));
        this.sentKeys.add(n);
      }
      edges.push(encodeEdge(n, stats.toDelta()));
    }
    return {
      version: COMPACT_DELTA_VERSION,
      windowStartMs: drained.windowStartMs,
      windowEndMs: nowMs,
      accuracy: HISTOGRAM_RELATIVE_ACCURACY,
      keys,
      edges,
      mirror: drained.mirror.map(encodeMirror),
    };
  }

  /** A new connection started: the next compact delta sends the key of every edge it carries. */
  resetKeys(): void {
    this.keySessionMs = null;
  }

  /** Moves the pending window into the totals and hands it out (null when nothing happened). */
  private drain(
    nowMs: number,
  ): { windowStartMs: number; edges: [string, EdgeStats][]; mirror: MirrorDelta[] } | null {
    const windowStartMs = this.windowStartMs;
    this.windowStartMs = nowMs;
    if (this.pending.size === 0 && this.pendingMirror.size === 0) return null;
    const edges = [...this.pending];
    for (const [id, stats] of edges) {
      const total = this.totals.get(id);
      // Handed out below before anything records again, so the totals may adopt it.
      if (total === undefined) this.totals.set(id, stats);
      else total.merge(stats);
    }
    this.pending = new Map();
    const mirror = this.pendingMirror.entries();
    this.totalMirror.merge(mirror);
    this.pendingMirror.clear();
    return { windowStartMs, edges, mirror };
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
