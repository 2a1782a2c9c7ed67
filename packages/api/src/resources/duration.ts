import { Type } from '@sinclair/typebox';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const PART = /([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * A duration as Istio writes it in YAML: `10s`, `1.5s`, `100ms`, `2m`, `1h`, `1m30s` (Go duration syntax,
 * which Istio's CRD accepts through CEL). The pattern rejects anything else; `parseDuration` converts.
 */
export function durationSchema(options: { default?: string } = {}) {
  return Type.String({
    pattern: '^(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$',
    description: 'a duration such as "1.5s", "100ms", "2m" or "1h"',
    ...options,
  });
}

export const DurationSchema = durationSchema();

/** Thrown by `parseDuration`: its message says what was wrong, for a field error. */
export class DurationError extends Error {
  override name = 'DurationError';
}

/** Parses `"1.5s" | "100ms" | "2m" | "1h" | "1m30s"` into milliseconds (possibly fractional below 1ms). */
export function parseDuration(text: string): number {
  if (typeof text !== 'string' || text.length === 0) {
    throw new DurationError('must be a duration such as "1.5s", "100ms", "2m" or "1h"');
  }
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== start) {
      throw new DurationError(
        `invalid duration "${text}": expected a number with a unit (ns, us, ms, s, m, h), e.g. "1.5s" or "100ms"`,
      );
    }
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? Number.NaN);
  }
  if (!Number.isFinite(total)) throw new DurationError(`invalid duration "${text}": out of range`);
  return total;
}

/** Formats milliseconds back into the shortest Istio-style duration string (`1500` → `"1.5s"`). */
export function formatDuration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms >= 1000) return `${ms / 1000}s`;
  return `${ms}ms`;
}
