// Per mirror target: after `threshold` consecutive connect failures the breaker opens and copies are
// skipped (counted `breaker-open`) for `openMs`; then one probe copy is let through (half-open), and its
// outcome closes the breaker or opens it again for twice as long (up to `maxOpenMs`).

export interface BreakerOptions {
  threshold: number;
  openMs: number;
  maxOpenMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private currentOpenMs: number;
  private probing = false;

  constructor(private readonly options: BreakerOptions) {
    this.currentOpenMs = options.openMs;
  }

  /** True when a copy may be sent now (closed, or the single half-open probe). */
  allow(nowMs: number): boolean {
    if (this.failures < this.options.threshold) return true;
    if (nowMs < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.options.threshold) return 'closed';
    return this.probing ? 'half-open' : 'open';
  }

  /** The target answered (whatever the status): it is reachable. */
  onSuccess(): void {
    this.failures = 0;
    this.probing = false;
    this.currentOpenMs = this.options.openMs;
  }

  onConnectFailure(nowMs: number): void {
    this.failures++;
    if (this.failures < this.options.threshold) return;
    if (this.probing) this.currentOpenMs = Math.min(this.options.maxOpenMs, this.currentOpenMs * 2);
    this.probing = false;
    this.openUntil = nowMs + this.currentOpenMs;
  }

  /** A copy ended without telling anything about the connection (e.g. dropped): free the probe slot. */
  onInconclusive(): void {
    this.probing = false;
  }
}
