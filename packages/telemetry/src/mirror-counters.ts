// Mirror accounting: every eligible (request, mirror policy) pair ends as exactly one outcome.

/**
 * - `mirrored-ok`: the copy was sent in full and the target answered with a status below 500.
 * - `mirrored-error`: the copy could not be delivered (connect failure, reset, a malformed answer: flag UPE
 *   on its mirror edge) or the target answered ≥ 500.
 * - `timed-out`: no complete answer within the shadow timeout.
 * - `dropped-at-cap`: the target already had its maximum of copies in flight, or its socket backed up.
 * - `too-large`: the request body exceeded the mirror body cap.
 * - `aborted`: the client went away before its body was complete; the copy was reset, never completed.
 * - `breaker-open`: the target's breaker was open after repeated connect failures.
 * - `sampled-out`: the mirror percentage did not select this request.
 */
export type MirrorOutcome =
  | 'mirrored-ok'
  | 'mirrored-error'
  | 'timed-out'
  | 'dropped-at-cap'
  | 'too-large'
  | 'aborted'
  | 'breaker-open'
  | 'sampled-out';

export const MIRROR_OUTCOMES: readonly MirrorOutcome[] = [
  'mirrored-ok',
  'mirrored-error',
  'timed-out',
  'dropped-at-cap',
  'too-large',
  'aborted',
  'breaker-open',
  'sampled-out',
];

export type MirrorOutcomeCounts = Record<MirrorOutcome, number>;

/** Outcome counts for one mirror target (its cluster name, `outbound|8000|v2|httpbin.default.svc.cluster.local`). */
export interface MirrorDelta {
  target: string;
  outcomes: MirrorOutcomeCounts;
}

export function emptyOutcomeCounts(): MirrorOutcomeCounts {
  return {
    'mirrored-ok': 0,
    'mirrored-error': 0,
    'timed-out': 0,
    'dropped-at-cap': 0,
    'too-large': 0,
    aborted: 0,
    'breaker-open': 0,
    'sampled-out': 0,
  };
}

/** Sum over every outcome: the number of eligible (request, mirror) pairs seen. */
export function totalOutcomes(counts: MirrorOutcomeCounts): number {
  let total = 0;
  for (const outcome of MIRROR_OUTCOMES) total += counts[outcome];
  return total;
}

export class MirrorCounters {
  private readonly byTarget = new Map<string, MirrorOutcomeCounts>();

  count(target: string, outcome: MirrorOutcome, n = 1): void {
    let counts = this.byTarget.get(target);
    if (counts === undefined) {
      counts = emptyOutcomeCounts();
      this.byTarget.set(target, counts);
    }
    counts[outcome] += n;
  }

  merge(entries: Iterable<MirrorDelta>): void {
    for (const entry of entries) {
      for (const outcome of MIRROR_OUTCOMES) {
        const n = entry.outcomes[outcome];
        if (n > 0) this.count(entry.target, outcome, n);
      }
    }
  }

  get size(): number {
    return this.byTarget.size;
  }

  /** Outcome counts summed over every target. */
  totals(): MirrorOutcomeCounts {
    const out = emptyOutcomeCounts();
    for (const counts of this.byTarget.values()) {
      for (const outcome of MIRROR_OUTCOMES) out[outcome] += counts[outcome];
    }
    return out;
  }

  entries(): MirrorDelta[] {
    return [...this.byTarget].map(([target, outcomes]) => ({ target, outcomes: { ...outcomes } }));
  }

  clear(): void {
    this.byTarget.clear();
  }
}
