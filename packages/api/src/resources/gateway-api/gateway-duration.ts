import { DurationError } from '../duration.js';

/** GEP-2257: one to four `<1-5 digits><unit>` components, units `h`, `m`, `s`, `ms`; the CRD's pattern. */
export const GATEWAY_DURATION_PATTERN = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';

const WHOLE = new RegExp(GATEWAY_DURATION_PATTERN);
const COMPONENT = /([0-9]{1,5})(ms|h|m|s)/g;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Parses a Gateway API duration (GEP-2257: `10s`, `500ms`, `1h30m`, `0s`) into whole milliseconds: the sum
 * of its components, repeated units included (`1h2h` is 3h). Throws a `DurationError` naming the problem
 * for anything else — fractions (`1.5s`), other units (`1d`, `100us`), signs, or more than 4 components.
 * `timeouts.request: 0s` means "no timeout"; that meaning is the caller's.
 */
export function parseGatewayDuration(text: string): number {
  if (typeof text !== 'string' || !WHOLE.test(text)) {
    throw new DurationError(
      `invalid Gateway API duration ${JSON.stringify(text)}: expected 1-4 parts of up to 5 digits with a unit h, m, s or ms (e.g. "10s", "500ms", "1h30m"; no fractions)`,
    );
  }
  let total = 0;
  for (const m of text.matchAll(COMPONENT)) total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  return total;
}

/** The canonical GEP-2257 form of a duration in milliseconds (`5400000` → `"1h30m"`, `0` → `"0s"`). */
export function formatGatewayDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0)
    throw new DurationError(`${ms} is not a whole, non-negative number of ms`);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of Object.entries(UNIT_MS)) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
