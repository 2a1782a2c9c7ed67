// Weighted-route arithmetic for the traffic editor: integer weights that keep summing to 100.
// Pure functions (no React) so every rule is unit-tested.

/** The total the editor keeps the weights of one route at. */
export const WEIGHT_TOTAL = 100;

/** Sum of a list of weights. */
export function sumWeights(weights: readonly number[]): number {
  return weights.reduce((total, w) => total + w, 0);
}

/**
 * Splits `total` into `count` non-negative integers proportional to `shares` (largest-remainder rounding,
 * ties to the earlier index). All-zero or empty shares split evenly.
 */
export function apportion(total: number, shares: readonly number[]): number[] {
  const count = shares.length;
  if (count === 0) return [];
  const safe = shares.map((s) => (Number.isFinite(s) && s > 0 ? s : 0));
  const shareSum = sumWeights(safe);
  const basis = shareSum > 0 ? safe : safe.map(() => 1);
  const basisSum = shareSum > 0 ? shareSum : count;
  const exact = basis.map((s) => (total * s) / basisSum);
  const result = exact.map((x) => Math.floor(x));
  const left = total - sumWeights(result);
  // The fractional parts sum to `left` (< count), so one pass hands out every remaining unit.
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const slot of order.slice(0, left)) result[slot.i] = (result[slot.i] ?? 0) + 1;
  return result;
}

function toWeight(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0;
}

/**
 * Sets row `index` to `value` and keeps the sum at 100 by redistributing the rest over the other unlocked
 * rows, in proportion to their current weights (evenly when they are all 0). Locked rows never change.
 * `value` is clamped to what the locked rows leave; when no other row is unlocked the row cannot move
 * (it takes exactly what the locked rows leave). Locked rows that already exceed 100 leave 0 for the others.
 */
export function redistributeWeights(
  weights: readonly number[],
  locked: readonly boolean[],
  index: number,
  value: number,
): number[] {
  if (index < 0 || index >= weights.length) throw new RangeError(`no weight row ${index}`);
  const current = weights.map(toWeight);
  const lockedSum = sumWeights(current.filter((_, i) => i !== index && locked[i] === true));
  const budget = Math.max(0, WEIGHT_TOTAL - lockedSum);
  const others = current.map((_, i) => i).filter((i) => i !== index && locked[i] !== true);
  const next = [...current];
  if (others.length === 0) {
    next[index] = budget;
    return next;
  }
  const own = Math.min(budget, toWeight(value));
  next[index] = own;
  const shares = apportion(
    budget - own,
    others.map((i) => current[i] ?? 0),
  );
  others.forEach((row, k) => {
    next[row] = shares[k] ?? 0;
  });
  return next;
}

/**
 * "Evenly distribute": the unlocked rows share what the locked rows leave, as evenly as integers allow
 * (earlier rows get the remainder, as Kiali's editor does with its last row).
 */
export function evenWeights(weights: readonly number[], locked: readonly boolean[]): number[] {
  const current = weights.map(toWeight);
  const lockedSum = sumWeights(current.filter((_, i) => locked[i] === true));
  const free = current.map((_, i) => i).filter((i) => locked[i] !== true);
  const shares = apportion(
    Math.max(0, WEIGHT_TOTAL - lockedSum),
    free.map(() => 1),
  );
  const next = [...current];
  free.forEach((row, k) => {
    next[row] = shares[k] ?? 0;
  });
  return next;
}

/** The largest value row `index` can take: 100 minus the locked others. */
export function weightBudget(weights: readonly number[], locked: readonly boolean[], index: number): number {
  const lockedSum = sumWeights(weights.filter((_, i) => i !== index && locked[i] === true).map(toWeight));
  return Math.max(0, WEIGHT_TOTAL - lockedSum);
}
