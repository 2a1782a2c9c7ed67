// Response header differences. Header names arrive in lower case (the wire says so; they are
// lowered again here to be safe). The copy's values go through the shadow-host rewriter: a value
// that differs only by `-shadow` is reported with `shadowHostOnly`.
import { isUncomparableHeader } from './volatile-headers.js';

export interface HeaderDifference {
  field: string;
  primary?: string;
  shadow?: string;
  /** Always volatile or redacted: never divergence. */
  uncomparable: boolean;
  /** Equal once `<host>-shadow` is rewritten to `<host>`. */
  shadowHostOnly: boolean;
}

export function diffHeaders(
  primary: Record<string, string>,
  copy: Record<string, string>,
  rewrite: ((text: string) => string) | null,
): HeaderDifference[] {
  const p = lowerKeys(primary);
  const c = lowerKeys(copy);
  const names = [...new Set([...p.keys(), ...c.keys()])].sort();
  const out: HeaderDifference[] = [];
  for (const name of names) {
    const pv = p.get(name);
    const cv = c.get(name);
    if (pv === cv) continue;
    const shadowHostOnly = rewrite !== null && cv !== undefined && pv === rewrite(cv);
    out.push({
      field: name,
      ...(pv !== undefined && { primary: pv }),
      ...(cv !== undefined && { shadow: cv }),
      uncomparable: isUncomparableHeader(name, pv, cv),
      shadowHostOnly,
    });
  }
  return out;
}

function lowerKeys(headers: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) out.set(k.toLowerCase(), v);
  return out;
}
