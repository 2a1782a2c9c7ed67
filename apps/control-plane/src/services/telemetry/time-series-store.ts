// Per-series time series at two resolutions: one-second frames for 15 minutes and ten-second frames for
// 6 hours. Deltas land in the open second (by arrival time on the control plane's clock); each elapsed
// second is sealed into a frame, and each complete ten-second block is rolled up from its seconds.
//
// Memory: a frame entry is 20 bytes plus 4 per distinct latency bucket (a 2 %-wide latency range), and
// only series with requests in a second have an entry; idle series hold nothing. A series busy every
// second holds at most 900 + 2,160 entries: 62 KB plus its buckets (typically 3–10 per second, 20–60
// per ten seconds: 0.2–0.6 MB over six hours). All frames together stay within `maxBytes` (default
// 512 MiB): beyond it the oldest ten-second frames are dropped first (then the oldest seconds), so a
// very large mesh keeps a shorter history rather than more memory.
import type { EdgeDelta } from '@shadowmesh/telemetry';
import type { Frame } from './frame.js';
import { FrameBuilder } from './frame-builder.js';
import { FrameRing } from './frame-ring.js';

/** One-second frames kept: 15 minutes. */
export const FINE_SECONDS = 900;
/** Ten-second frames kept: 6 hours. */
export const COARSE_BLOCKS = 2160;
export const COARSE_SPAN = 10;
/** Default bound on the bytes all frames hold. */
export const DEFAULT_MAX_STORE_BYTES = 512 * 1024 * 1024;

/** The frames covering a window [start, end) (Unix seconds), oldest first. */
export interface WindowFrames {
  frames: Frame[];
  start: number;
  end: number;
  /** Seconds of the window the store was running for (the divisor of rates), at least 1. */
  seconds: number;
}

export class TimeSeriesStore {
  readonly fine = new FrameRing(FINE_SECONDS, 1);
  readonly coarse = new FrameRing(COARSE_BLOCKS, COARSE_SPAN);
  readonly startedSecond: number;
  private readonly open = new FrameBuilder();
  private readonly rollup = new FrameBuilder();
  private openSecond: number;
  /** Start of the ten-second block holding sealed data not yet rolled up, or null. */
  private pendingBlock: number | null = null;
  /** Start of the oldest block whose coarse slot is not yet decided (rolled up or freed). */
  private nextBlock: number;

  /** Frames dropped to stay within `maxBytes`. */
  framesDropped = 0;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxBytes: number = DEFAULT_MAX_STORE_BYTES,
  ) {
    this.openSecond = Math.floor(now() / 1000);
    this.startedSecond = this.openSecond;
    this.nextBlock = blockOf(this.openSecond);
  }

  /** Adds one proxy's delta for `series` to the open second. */
  record(series: number, delta: EdgeDelta): void {
    this.advance();
    this.open.add(series, delta.requests, delta.requestBytes.sum, delta.responseBytes.sum, delta.durationMs);
  }

  /** Seals every elapsed second; returns the open (current, unsealed) second. */
  advance(): number {
    const current = Math.floor(this.now() / 1000);
    if (current <= this.openSecond) return this.openSecond;
    const sealed = this.openSecond;
    const frame = this.open.build(sealed, 1);
    if (frame !== null) {
      if (this.pendingBlock !== null && this.pendingBlock !== blockOf(sealed)) this.rollUp(this.pendingBlock);
      this.fine.put(frame);
      this.pendingBlock = blockOf(sealed);
    } else {
      this.fine.clear(sealed);
    }
    this.openSecond = current;
    // Blocks roll up from the one-second frames, so before the slots of skipped seconds are freed.
    this.settleBlocks(current);
    if (current - sealed > FINE_SECONDS) this.fine.clearAll();
    else for (let s = sealed + 1; s < current; s++) this.fine.clear(s);
    this.enforceBudget(current);
    return current;
  }

  /**
   * The frames of the last `durationSeconds` sealed seconds, fewest first: complete ten-second blocks
   * from their rolled-up frames and the seconds around them from one-second frames (the window is
   * exact). `finest` keeps one-second frames throughout (up to 15 minutes), for per-second series.
   * Beyond 15 minutes the window starts on a ten-second boundary.
   */
  window(durationSeconds: number, resolution: 'fewest' | 'finest' = 'fewest'): WindowFrames {
    const end = this.advance();
    const boundary = blockOf(end);
    let start = end - durationSeconds;
    let frames: Frame[];
    if (durationSeconds <= FINE_SECONDS && resolution === 'finest') {
      frames = this.fine.range(start, end);
    } else if (durationSeconds <= FINE_SECONDS) {
      const firstBlock = Math.min(boundary, Math.ceil(start / COARSE_SPAN) * COARSE_SPAN);
      frames = [
        ...this.fine.range(start, firstBlock),
        ...this.coarse.range(firstBlock, boundary),
        ...this.fine.range(Math.max(firstBlock, boundary), end),
      ];
    } else {
      const blocks = Math.ceil((durationSeconds - (end - boundary)) / COARSE_SPAN);
      start = boundary - blocks * COARSE_SPAN;
      frames = [...this.coarse.range(start, boundary), ...this.fine.range(boundary, end)];
    }
    return { frames, start, end, seconds: Math.max(1, end - Math.max(start, this.startedSecond)) };
  }

  /** Bytes held by the frames (entries and latency buckets). */
  bytes(): number {
    this.advance();
    return this.fine.bytesHeld + this.coarse.bytesHeld;
  }

  /** Drops the oldest frames while over budget: ten-second ones first, never the newest second. */
  private enforceBudget(current: number): void {
    while (this.fine.bytesHeld + this.coarse.bytesHeld > this.maxBytes) {
      const coarse = this.coarse.oldest();
      if (coarse !== null) {
        this.coarse.clear(coarse.start);
      } else {
        const fine = this.fine.oldest();
        if (fine === null || fine.start >= current - 1) return;
        this.fine.clear(fine.start);
      }
      this.framesDropped++;
    }
  }

  /** Rolls up or frees the coarse slot of every block that ended before `current`. */
  private settleBlocks(current: number): void {
    const last = blockOf(current) - COARSE_SPAN;
    if (last - this.nextBlock >= COARSE_BLOCKS * COARSE_SPAN) {
      this.coarse.clearAll();
      this.pendingBlock = null;
      this.nextBlock = Math.max(this.nextBlock, last - (COARSE_BLOCKS - 1) * COARSE_SPAN);
    }
    for (let block = this.nextBlock; block <= last; block += COARSE_SPAN) {
      if (block === this.pendingBlock) this.rollUp(block);
      else this.coarse.clear(block);
    }
    this.nextBlock = Math.max(this.nextBlock, last + COARSE_SPAN);
  }

  private rollUp(block: number): void {
    for (let s = block; s < block + COARSE_SPAN; s++) {
      const frame = this.fine.get(s);
      if (frame === null) continue;
      for (let i = 0; i < frame.series.length; i++) this.rollup.addEntry(frame, i);
    }
    const frame = this.rollup.build(block, COARSE_SPAN);
    if (frame === null) this.coarse.clear(block);
    else this.coarse.put(frame);
    if (this.pendingBlock === block) this.pendingBlock = null;
  }
}

function blockOf(second: number): number {
  return Math.floor(second / COARSE_SPAN) * COARSE_SPAN;
}
