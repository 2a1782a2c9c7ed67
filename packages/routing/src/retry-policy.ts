// Istio `HTTPRetry` → the retry policy the proxy applies (istio `retry.go` ConvertPolicy semantics).
import type { HTTPRetry } from '@shadowmesh/api';
import { parseDuration } from '@shadowmesh/api';
import type { RetryPolicy } from './types.js';

/**
 * Istio's mesh default when a route sets no `retries` (`DefaultPolicy()`): 2 retries on
 * connect-failure, refused-stream, unavailable, cancelled and retriable-status-codes, the codes being 503.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  attempts: 2,
  perTryTimeoutMs: null,
  retryOn: Object.freeze(
    new Set(['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes']),
  ),
  retriableStatusCodes: Object.freeze(new Set([503])),
});

/**
 * Compiles `retries`: unset ⇒ the mesh default; `attempts` 0 or absent ⇒ no retries (Istio returns nil);
 * otherwise the default with `attempts`, and `retryOn` (when given) replacing the conditions, numbers in it
 * becoming retriable status codes (`retriable-status-codes` is then added, as Istio does).
 */
export function compileRetry(
  retries: HTTPRetry | undefined,
  onError: (message: string) => void,
): RetryPolicy | null {
  if (!retries || typeof retries !== 'object') return DEFAULT_RETRY_POLICY;
  const attempts = typeof retries.attempts === 'number' ? Math.floor(retries.attempts) : 0;
  if (attempts <= 0) return null;
  let retryOn = DEFAULT_RETRY_POLICY.retryOn;
  let codes = DEFAULT_RETRY_POLICY.retriableStatusCodes;
  if (typeof retries.retryOn === 'string' && retries.retryOn.trim() !== '') {
    const on = new Set<string>();
    const nums = new Set<number>();
    for (const raw of retries.retryOn.split(',')) {
      const part = raw.trim();
      if (part === '') continue;
      const n = /^[0-9]{3}$/.test(part) ? Number(part) : Number.NaN;
      if (n >= 100 && n <= 599) nums.add(n);
      else on.add(part);
    }
    if (nums.size > 0) on.add('retriable-status-codes');
    retryOn = on;
    codes = nums;
  }
  let perTryTimeoutMs: number | null = null;
  if (typeof retries.perTryTimeout === 'string') {
    try {
      perTryTimeoutMs = parseDuration(retries.perTryTimeout);
    } catch (err) {
      onError(`retries.perTryTimeout: ${(err as Error).message}`);
    }
  }
  return Object.freeze({ attempts, perTryTimeoutMs, retryOn, retriableStatusCodes: codes });
}
