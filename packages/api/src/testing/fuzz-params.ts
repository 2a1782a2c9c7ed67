// Run settings of the fuzz targets (fast-check): a fixed seed and a modest number of runs in `npm test`;
// `FUZZ_RUNS=10000` (`npm run fuzz`) raises the runs, `FUZZ_SEED` replays another seed. fast-check prints
// the seed and the counterexample's path of any failure, so it can be replayed exactly.
import type { Parameters } from 'fast-check';

/** The seed every fuzz target uses unless `FUZZ_SEED` says otherwise. */
export const DEFAULT_FUZZ_SEED = 20_240_612;

// The package keeps `"types": []` (no Node typings), so the environment is read through globalThis.
function env(name: string): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];
}

function positive(text: string | undefined): number | null {
  const n = Number(text);
  return text !== undefined && Number.isInteger(n) && n > 0 ? n : null;
}

/** Runs of one property: `defaultRuns` in `npm test`, `FUZZ_RUNS` when set. */
export function fuzzRuns(defaultRuns: number): number {
  return positive(env('FUZZ_RUNS')) ?? defaultRuns;
}

/** fast-check parameters: the fixed (or `FUZZ_SEED`) seed and `fuzzRuns(defaultRuns)` runs. */
export function fuzzParams<T>(defaultRuns: number): Parameters<T> {
  return { seed: positive(env('FUZZ_SEED')) ?? DEFAULT_FUZZ_SEED, numRuns: fuzzRuns(defaultRuns) };
}

/** A vitest timeout for a property of `defaultRuns` runs of about `msPerRun` each (at least 30 s). */
export function fuzzTimeout(defaultRuns: number, msPerRun: number): number {
  return Math.max(30_000, Math.ceil(fuzzRuns(defaultRuns) * msPerRun * 2));
}
