// Endpoint choice for one cluster: Envoy's LEAST_REQUEST (power of two choices), ROUND_ROBIN and RANDOM.
import type { ClusterState, EndpointState } from './endpoint-state.js';
import type { RandomSource } from './types.js';

/** DestinationRule `loadBalancer.simple`, after aliases (LEAST_CONN → LEAST_REQUEST). */
export type LbPolicy = 'LEAST_REQUEST' | 'ROUND_ROBIN' | 'RANDOM';

/**
 * Maps Istio's `loadBalancer.simple` to a policy. Unset, UNSPECIFIED, LEAST_CONN (deprecated alias) and the
 * unsupported PASSTHROUGH all give Istio's default LEAST_REQUEST; `consistentHash` is not supported and
 * falls back to the default too (the table reports it).
 */
export function lbPolicyOf(simple: string | undefined): LbPolicy {
  if (simple === 'ROUND_ROBIN') return 'ROUND_ROBIN';
  if (simple === 'RANDOM') return 'RANDOM';
  return 'LEAST_REQUEST';
}

function randomIndex(random: RandomSource, n: number): number {
  const i = Math.floor(random() * n);
  return Math.min(n - 1, Math.max(0, i));
}

/**
 * Chooses among `healthy` (indices into `states`, same order). Returns an index into `healthy` or -1 when it
 * is empty. LEAST_REQUEST samples two endpoints with replacement and keeps the one with fewer active
 * requests (Envoy's unweighted `choice_count: 2`); ties keep the first sample.
 */
export function chooseEndpoint(
  policy: LbPolicy,
  healthy: readonly number[],
  states: readonly EndpointState[],
  cluster: ClusterState,
  random: RandomSource,
): number {
  const n = healthy.length;
  if (n === 0) return -1;
  if (n === 1) return 0;
  switch (policy) {
    case 'ROUND_ROBIN': {
      const i = cluster.rrIndex % n;
      cluster.rrIndex = (i + 1) % n;
      return i;
    }
    case 'RANDOM':
      return randomIndex(random, n);
    default: {
      const a = randomIndex(random, n);
      const b = randomIndex(random, n);
      const activeA = states[healthy[a]!]?.active ?? 0;
      const activeB = states[healthy[b]!]?.active ?? 0;
      return activeB < activeA ? b : a;
    }
  }
}
