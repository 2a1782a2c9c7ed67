// Weighted choice among a route's destinations, following Istio's translation of HTTPRouteDestination weights.
import type { RandomSource } from './types.js';

/** A precompiled weighted choice over items. */
export interface WeightedPicker<T> {
  /** The items that can be chosen, each with its effective weight (weight-0 items are left out). */
  readonly entries: readonly { readonly item: T; readonly weight: number }[];
  readonly total: number;
  pick(random: RandomSource): T | null;
}

/**
 * Builds a picker with Istio's rules (`route.go`): a single destination gets all traffic whatever its weight;
 * with several, each gets weight/sum and weight 0 (or absent) gets nothing. Weights need not sum to 100
 * (Istio ≥1.15). If several destinations all weigh 0 (rejected by Istio's validation), they share equally,
 * so the table never loses a route. Envoy draws `stream_id % total`; we draw from the injected RandomSource.
 */
export function buildWeightedPicker<T>(
  items: readonly { item: T; weight: number | undefined }[],
): WeightedPicker<T> {
  let entries: { item: T; weight: number }[];
  if (items.length === 1) {
    const only = items[0]!;
    entries = [{ item: only.item, weight: 1 }];
  } else {
    entries = items
      .map((d) => ({ item: d.item, weight: sanitiseWeight(d.weight) }))
      .filter((d) => d.weight > 0);
    if (entries.length === 0) entries = items.map((d) => ({ item: d.item, weight: 1 }));
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const e of entries) {
    total += e.weight;
    cumulative.push(total);
  }
  const first = entries[0]?.item ?? null;
  if (entries.length <= 1) return { entries, total, pick: () => first };
  return {
    entries,
    total,
    pick(random) {
      const r = random() * total;
      for (let i = 0; i < cumulative.length; i++) {
        if (r < cumulative[i]!) return entries[i]!.item;
      }
      // random() returned 1 or more (a faulty source): the last entry, never null.
      return entries[entries.length - 1]!.item;
    },
  };
}

function sanitiseWeight(weight: number | undefined): number {
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) return 0;
  return weight;
}
