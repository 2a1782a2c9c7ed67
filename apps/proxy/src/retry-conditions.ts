// Envoy's retry-on conditions, applied to one failed attempt.
import type { RetryPolicy } from '@shadowmesh/routing';

export type AttemptFailure =
  | { kind: 'status'; status: number }
  | { kind: 'connect-failure' }
  | { kind: 'reset' }
  | { kind: 'per-try-timeout' };

/**
 * `5xx`: any 5xx, reset, connect failure or per-try timeout; `gateway-error`: 502/503/504 and the same
 * transport failures; `connect-failure`: connect failures only; `reset`: any failure without response
 * headers; listed status codes (`retriable-status-codes` or bare numbers): those statuses.
 */
export function isRetriable(policy: RetryPolicy, failure: AttemptFailure): boolean {
  const on = policy.retryOn;
  switch (failure.kind) {
    case 'status': {
      const s = failure.status;
      if (policy.retriableStatusCodes.has(s)) return true;
      if (s >= 500 && on.has('5xx')) return true;
      return (s === 502 || s === 503 || s === 504) && on.has('gateway-error');
    }
    case 'connect-failure':
      return on.has('connect-failure') || on.has('5xx') || on.has('gateway-error') || on.has('reset');
    case 'reset':
    case 'per-try-timeout':
      return on.has('5xx') || on.has('gateway-error') || on.has('reset');
  }
}

/** Envoy's default back-off: fully jittered, base 25 ms, doubling, capped at 10× the base. */
export function retryBackoffMs(retryNumber: number, random: () => number): number {
  const ceiling = Math.min(250, 25 * (2 ** retryNumber - 1));
  return Math.floor(random() * ceiling);
}
