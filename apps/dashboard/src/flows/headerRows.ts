// Primary and shadow headers side by side: one row per name, with whether the values differ, and
// whether the comparison counted that difference or ignored it (and why). Redacted values are
// flagged, so the table says "redacted" rather than showing the placeholder as if it were a value.
import { type FlowDifference, type IgnoredBecause, REDACTED } from '@shadowmesh/api';

/**
 * `same`; `differs`: a counted difference; `ignored`: listed by the comparison as not divergence;
 * `unlisted`: the values differ but the comparison did not look at it (request headers, say).
 */
export type HeaderState = 'same' | 'differs' | 'ignored' | 'unlisted';

export interface HeaderRow {
  name: string;
  primary?: string;
  shadow?: string;
  state: HeaderState;
  because?: IgnoredBecause;
  primaryRedacted: boolean;
  shadowRedacted: boolean;
}

/** Rows for every header either side has, sorted by name. `differences` are the comparison's. */
export function headerRows(
  primary: Record<string, string> | undefined,
  shadow: Record<string, string> | undefined,
  differences: readonly FlowDifference[] = [],
): HeaderRow[] {
  const listed = new Map<string, FlowDifference>();
  for (const d of differences) {
    if (d.kind !== 'header') continue;
    const name = d.field.toLowerCase();
    if (listed.get(name) && !listed.get(name)?.ignored) continue;
    listed.set(name, d);
  }
  const names = new Set([...Object.keys(primary ?? {}), ...Object.keys(shadow ?? {}), ...listed.keys()]);
  return [...names].sort().map((name) => {
    const p = primary?.[name];
    const s = shadow?.[name];
    const difference = listed.get(name);
    let state: HeaderState = p === s ? 'same' : 'unlisted';
    if (difference) state = difference.ignored ? 'ignored' : 'differs';
    const row: HeaderRow = {
      name,
      state,
      primaryRedacted: p === REDACTED,
      shadowRedacted: s === REDACTED,
    };
    if (p !== undefined) row.primary = p;
    if (s !== undefined) row.shadow = s;
    if (difference?.ignored) row.because = difference.ignored;
    return row;
  });
}
