// A fixed number of frame slots for one resolution: slot = (start / span) mod capacity. A slot holding
// an older frame than asked for counts as empty. Keeps count of the bytes its frames hold.
import type { Frame } from './frame.js';
import { frameBytes } from './frame.js';

export class FrameRing {
  private readonly slots: (Frame | null)[];
  /** Bytes of the frames in the slots. */
  bytesHeld = 0;

  constructor(
    readonly capacity: number,
    readonly span: number,
  ) {
    this.slots = new Array<Frame | null>(capacity).fill(null);
  }

  /** Seconds of history the ring holds. */
  get horizonSeconds(): number {
    return this.capacity * this.span;
  }

  put(frame: Frame): void {
    this.set(this.slotOf(frame.start), frame);
  }

  /** Frees the slot of `start` (an empty bucket, or a frame dropped to stay within the budget). */
  clear(start: number): void {
    this.set(this.slotOf(start), null);
  }

  /** Frees every slot (after a gap longer than the horizon). */
  clearAll(): void {
    this.slots.fill(null);
    this.bytesHeld = 0;
  }

  /** The frame with the lowest start, or null when the ring is empty. */
  oldest(): Frame | null {
    let oldest: Frame | null = null;
    for (const frame of this.slots)
      if (frame !== null && (oldest === null || frame.start < oldest.start)) oldest = frame;
    return oldest;
  }

  /** The frame starting at `start` (a multiple of span), or null when none was kept. */
  get(start: number): Frame | null {
    const frame = this.slots[this.slotOf(start)] ?? null;
    return frame !== null && frame.start === start ? frame : null;
  }

  /** Frames starting in [from, to) (multiples of span), oldest first; at most `capacity` of them. */
  range(from: number, to: number): Frame[] {
    const out: Frame[] = [];
    const first = Math.max(from, to - this.horizonSeconds);
    for (let start = first; start < to; start += this.span) {
      const frame = this.get(start);
      if (frame !== null) out.push(frame);
    }
    return out;
  }

  private set(slot: number, frame: Frame | null): void {
    const old = this.slots[slot] ?? null;
    if (old !== null) this.bytesHeld -= frameBytes(old);
    if (frame !== null) this.bytesHeld += frameBytes(frame);
    this.slots[slot] = frame;
  }

  private slotOf(start: number): number {
    const n = Math.floor(start / this.span) % this.capacity;
    return n < 0 ? n + this.capacity : n;
  }
}
