// Test helper: mulberry32, a tiny seeded PRNG, so distribution tests are exact and repeatable.
import type { RandomSource } from '../types.js';

/** A RandomSource in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): RandomSource {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 4σ binomial band around n·p: [n·p − 4√(n·p·(1−p)), n·p + 4√(n·p·(1−p))]. */
export function binomialBand(n: number, p: number): [number, number] {
  const sigma = Math.sqrt(n * p * (1 - p));
  return [n * p - 4 * sigma, n * p + 4 * sigma];
}

/** A RandomSource that replays fixed values (cycling), for exact single-draw cases. */
export function fixedRandom(...values: number[]): RandomSource {
  let i = 0;
  return () => {
    const v = values[i % values.length] ?? 0;
    i++;
    return v;
  };
}
