// Compiles Istio `StringMatch` (exact | prefix | regex, or `{}` for presence) into a matcher, once.
import type { StringMatch } from '@shadowmesh/api';

export type StringMatchKind = 'exact' | 'prefix' | 'regex' | 'present' | 'never';

/** A compiled matcher. `test` does no allocation for exact/prefix and one RegExp call for regex. */
export interface StringMatcher {
  readonly kind: StringMatchKind;
  /** The pattern as configured (lower-cased when case is ignored); for display and rewrites. */
  readonly pattern: string;
  readonly ignoreCase: boolean;
  test(value: string): boolean;
}

/** Result of compiling one RE2 pattern: a JS RegExp anchored to the whole input, or why not. */
export type CompiledRegex = { ok: true; regex: RegExp } | { ok: false; error: string };

const LEADING_FLAGS = /^\(\?([imsU]+)\)/;

/**
 * Turns an RE2 pattern into a JS RegExp that must match the whole input, as Envoy's `safe_regex` does.
 * Handles RE2's leading `(?i)`/`(?s)`/`(?m)` groups and `(?P<name>` captures; `(?U)` has no JS equivalent.
 */
export function compileRe2(pattern: string, extraFlags = ''): CompiledRegex {
  let body = pattern;
  let flags = extraFlags;
  const lead = LEADING_FLAGS.exec(body);
  if (lead) {
    const f = lead[1] ?? '';
    if (f.includes('U'))
      return { ok: false, error: `regex "${pattern}": RE2 flag U (ungreedy) is not supported` };
    for (const c of f) if (!flags.includes(c)) flags += c;
    body = body.slice(lead[0].length);
  }
  body = body.replace(/\(\?P</g, '(?<');
  try {
    return { ok: true, regex: new RegExp(`^(?:${body})$`, flags) };
  } catch (err) {
    return { ok: false, error: `regex "${pattern}": ${(err as Error).message}` };
  }
}

const NEVER: StringMatcher = { kind: 'never', pattern: '', ignoreCase: false, test: () => false };
const PRESENT: StringMatcher = { kind: 'present', pattern: '', ignoreCase: false, test: () => true };

/**
 * Compiles one StringMatch. `{}` (no field set) compiles to `present` (matches any value). An invalid regex
 * compiles to `never` and its error goes to `onError` (the route table reports it in its dump).
 * `ignoreCase` applies to exact and prefix only (Istio `ignoreUriCase`); callers lower-case the input.
 */
export function compileStringMatch(
  match: StringMatch | undefined | null,
  onError: (message: string) => void,
  ignoreCase = false,
): StringMatcher {
  if (!match || typeof match !== 'object') return PRESENT;
  if (typeof match.exact === 'string') {
    const value = ignoreCase ? match.exact.toLowerCase() : match.exact;
    return { kind: 'exact', pattern: value, ignoreCase, test: (v) => v === value };
  }
  if (typeof match.prefix === 'string') {
    const value = ignoreCase ? match.prefix.toLowerCase() : match.prefix;
    return { kind: 'prefix', pattern: value, ignoreCase, test: (v) => v.startsWith(value) };
  }
  if (typeof match.regex === 'string') {
    const compiled = compileRe2(match.regex);
    if (!compiled.ok) {
      onError(compiled.error);
      return NEVER;
    }
    const re = compiled.regex;
    return { kind: 'regex', pattern: match.regex, ignoreCase: false, test: (v) => re.test(v) };
  }
  return PRESENT;
}

export { NEVER as NEVER_MATCHER, PRESENT as PRESENT_MATCHER };
