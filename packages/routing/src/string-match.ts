// Compiles Istio `StringMatch` (exact | prefix | regex, or `{}` for presence) into a matcher, once.
import { compileIstioRegex, type IstioRegex, type StringMatch } from '@shadowmesh/api';

export type StringMatchKind = 'exact' | 'prefix' | 'regex' | 'present' | 'never';

/** A compiled matcher. `test` does no allocation for exact/prefix and one linear-time RE2 match for regex. */
export interface StringMatcher {
  readonly kind: StringMatchKind;
  /** The pattern as configured (lower-cased when case is ignored); for display and rewrites. */
  readonly pattern: string;
  readonly ignoreCase: boolean;
  test(value: string): boolean;
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
    let re: IstioRegex;
    try {
      re = compileIstioRegex(match.regex);
    } catch (err) {
      onError((err as Error).message);
      return NEVER;
    }
    return { kind: 'regex', pattern: match.regex, ignoreCase: false, test: (v) => re.fullMatch(v) };
  }
  return PRESENT;
}

export { NEVER as NEVER_MATCHER, PRESENT as PRESENT_MATCHER };
