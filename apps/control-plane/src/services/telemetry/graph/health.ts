// What counts as an error, and health from the error ratio (Kiali's default tolerances).
import type { Health } from '@shadowmesh/api';

/** Above this error ratio a node or edge is degraded (Kiali: 0.1 %). */
export const DEGRADED_ABOVE = 0.001;
/** Above this error ratio it is failing (Kiali's 4xx/5xx failure tolerance: 20 %). */
export const FAILURE_ABOVE = 0.2;

/**
 * Envoy response flags that mean the request failed (as the proxy reports them): upstream connect
 * failure, reset, no healthy upstream, timeout, retries exhausted, no route, overflow, fault abort,
 * no config yet. `DI` (delay injected) and `DC` (the client went away) do not.
 */
const FAILURE_FLAGS: ReadonlySet<string> = new Set([
  'UF',
  'UC',
  'UH',
  'UT',
  'URX',
  'NR',
  'UO',
  'FI',
  'NC',
  'LR',
  'UR',
  'UMSDR',
  'UPE',
]);

/** A 5xx answer, or one the proxy flagged as failed (a 404 `NR`, a 503 `UF`, a fault abort…). */
export function isErrorResponse(responseCode: number, responseFlags: string): boolean {
  if (responseCode >= 500) return true;
  if (responseFlags === '-' || responseFlags === '') return false;
  for (const flag of responseFlags.split(',')) if (FAILURE_FLAGS.has(flag)) return true;
  return false;
}

/** `idle` without requests; else by the error ratio against the thresholds. */
export function healthOf(requests: number, errorRatio: number): Health {
  if (requests <= 0) return 'idle';
  if (errorRatio > FAILURE_ABOVE) return 'failure';
  if (errorRatio > DEGRADED_ABOVE) return 'degraded';
  return 'healthy';
}

const RANK: Record<Health, number> = { idle: 0, healthy: 1, degraded: 2, failure: 3 };

/** The worse of two healths (failure > degraded > healthy > idle). */
export function worstHealth(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}
