// Outlier detection after Envoy's `detector_impl.cc`, driven by request outcomes and injected time (no timers).
import type { EndpointState } from './endpoint-state.js';
import type { EndpointOutcome } from './types.js';

/** DestinationRule `outlierDetection`, compiled. A threshold of 0 disables that detector. */
export interface OutlierConfig {
  consecutive5xx: number;
  consecutiveGateway: number;
  intervalMs: number;
  baseEjectionMs: number;
  maxEjectionPercent: number;
  /** Envoy's `max_ejection_time` (default 300s; never below the base ejection time). */
  maxEjectionMs: number;
}

export const OUTLIER_DEFAULTS: OutlierConfig = {
  consecutive5xx: 5,
  consecutiveGateway: 0,
  intervalMs: 10_000,
  baseEjectionMs: 30_000,
  maxEjectionPercent: 10,
  maxEjectionMs: 300_000,
};

/**
 * Records one outcome and reports whether the endpoint must now be ejected (the caller checks the
 * max-ejection percentage and calls `eject`). As Envoy without `splitExternalLocalOriginErrors`: connect
 * failures, resets and timeouts count as gateway errors (503/504), gateway errors also count as 5xx, any
 * other 5xx resets the gateway counter, and a success resets both. Envoy triggers on reaching the threshold
 * exactly; we trigger at or above it, so an ejection refused by the max-ejection cap is retried on the next
 * failure instead of waiting for a success to reset the counter.
 */
export function recordOutcome(
  config: OutlierConfig,
  state: EndpointState,
  outcome: EndpointOutcome,
): boolean {
  if (outcome === 'success') {
    state.consecutive5xx = 0;
    state.consecutiveGateway = 0;
    return false;
  }
  if (outcome === 'http-5xx') state.consecutiveGateway = 0;
  else state.consecutiveGateway++;
  state.consecutive5xx++;
  const by5xx = config.consecutive5xx > 0 && state.consecutive5xx >= config.consecutive5xx;
  const byGateway = config.consecutiveGateway > 0 && state.consecutiveGateway >= config.consecutiveGateway;
  return by5xx || byGateway;
}

/**
 * Whether one more endpoint may be ejected: Envoy allows it while the ejected share stays within
 * `maxEjectionPercent`, and always allows a first ejection ("will eject at least one host regardless").
 */
export function mayEject(config: OutlierConfig, ejectedNow: number, total: number): boolean {
  if (total <= 0) return false;
  if (ejectedNow === 0) return true;
  return (100 * (ejectedNow + 1)) / total <= config.maxEjectionPercent;
}

/**
 * Ejects the endpoint at `nowMs` for `base × backoff` (capped), where the backoff first decays by one per
 * full interval the endpoint spent healthy since its last ejection, then grows by one (Envoy's
 * `ejectTimeBackoff`). Counters reset, as Envoy does on ejection.
 */
export function eject(config: OutlierConfig, state: EndpointState, nowMs: number): void {
  if (state.healthySince !== null && config.intervalMs > 0) {
    const healthyIntervals = Math.floor((nowMs - state.healthySince) / config.intervalMs);
    state.backoff = Math.max(0, state.backoff - Math.max(0, healthyIntervals));
  }
  const maxMs = Math.max(config.maxEjectionMs, config.baseEjectionMs);
  if (state.backoff * config.baseEjectionMs < maxMs + config.baseEjectionMs) state.backoff++;
  state.ejectedUntil = nowMs + Math.min(config.baseEjectionMs * state.backoff, maxMs);
  state.ejections++;
  state.consecutive5xx = 0;
  state.consecutiveGateway = 0;
}

/** Brings the endpoint back if its ejection time has passed; true when it is (still or now) healthy. */
export function refreshEjection(state: EndpointState, nowMs: number): boolean {
  if (state.ejectedUntil === 0) return true;
  if (nowMs < state.ejectedUntil) return false;
  state.healthySince = state.ejectedUntil;
  state.ejectedUntil = 0;
  return true;
}
