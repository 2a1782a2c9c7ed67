import { invalidOption } from './errors.js';

/** One path of a load mix and its relative weight. */
export interface PathWeight {
  readonly path: string;
  readonly weight: number;
}

/**
 * Parses `/=8,/songs/1=1,/songs/2=1` (a path alone weighs 1). Paths start with `/` and may carry a query;
 * weights are positive numbers.
 */
export function parsePathMix(input: unknown, field = 'paths'): PathWeight[] {
  if (Array.isArray(input)) return input.map((item, i) => checkEntry(item, `${field}[${i}]`));
  if (typeof input !== 'string' || input.trim() === '') {
    throw invalidOption(field, 'must be paths with weights, like /=8,/songs/1=2');
  }
  return input.split(',').map((part, i) => {
    const item = part.trim();
    const eq = item.lastIndexOf('=');
    // A query may hold `=` too: a weight is only what follows the last `=` when it is a number.
    const weightText = eq > 0 ? item.slice(eq + 1) : '';
    const hasWeight = weightText !== '' && !Number.isNaN(Number(weightText));
    return checkEntry(
      { path: hasWeight ? item.slice(0, eq) : item, weight: hasWeight ? Number(weightText) : 1 },
      `${field}[${i}]`,
    );
  });
}

/** Picks a path with probability weight / total weight. */
export function pathPicker(mix: readonly PathWeight[], random: () => number): () => string {
  if (mix.length === 0) throw invalidOption('paths', 'must name at least one path');
  const total = mix.reduce((sum, p) => sum + p.weight, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const p of mix) {
    sum += p.weight / total;
    cumulative.push(sum);
  }
  return () => {
    const r = random();
    for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return mix[i]!.path;
    return mix[mix.length - 1]!.path;
  };
}

function checkEntry(value: unknown, field: string): PathWeight {
  const { path, weight } = (value ?? {}) as Partial<PathWeight>;
  if (typeof path !== 'string' || !path.startsWith('/') || /\s/.test(path)) {
    throw invalidOption(field, `path must start with / and hold no spaces, got ${JSON.stringify(path)}`);
  }
  if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) {
    throw invalidOption(field, `weight must be a positive number, got ${JSON.stringify(weight)}`);
  }
  return Object.freeze({ path, weight });
}
