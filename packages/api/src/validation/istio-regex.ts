// Istio/Envoy regexes (RE2 syntax) run by re2js, a linear-time port of RE2: no pattern can make a match
// backtrack, so a VirtualService cannot stall the proxy's event loop. The one compiler for validation,
// matching and rewriting, so the control plane refuses exactly what the proxy could not run.
import { RE2JS, RE2JSSyntaxException } from 're2js';

/** Longest pattern accepted, as istiod's `validateStringRegexp` (which uses length to bound program size). */
export const MAX_REGEX_LENGTH = 1024;

/**
 * Largest compiled program accepted (re2js `programSize()`, which tracks RE2's `ProgramSize()`). re2js has no
 * DFA: a match costs up to input length × live NFA threads, and threads grow with the program. Measured on
 * this project's machine, the worst 16 KiB request costs about 50 µs per instruction, so Istio's 32768 (its
 * bootstrap's `re2.max_program_size.error_level`) let one request hold the proxy for 5 s; 1000 (Contour's
 * warn level, 10× Envoy's own default of 100) bounds it near 50 ms and compiling near 15 ms. Route
 * patterns are typically 10–200; the big programs come from large counted repetitions (`.{1,1000}`).
 */
export const MAX_REGEX_PROGRAM_SIZE = 1000;

/** A compiled Istio regex. Stateless: compile once per route table, use for every request. */
export interface IstioRegex {
  readonly pattern: string;
  /** The pattern matches the whole value, as Envoy's `safe_regex` (RE2::FullMatch). */
  fullMatch(value: string): boolean;
  /**
   * Envoy `regex_rewrite`: compiles `substitution` (`\0`–`\9` name groups, `\\` is a backslash) once into a
   * function that replaces every match in a value, as RE2::GlobalReplace. Throws an Error naming the problem
   * when it refers to a group the pattern lacks or uses any other escape (RE2 would not rewrite then).
   */
  rewriter(substitution: string): (value: string) => string;
}

/**
 * Compiles an Istio regex (RE2 syntax: leading or scoped `(?imsU)` flags, `(?P<name>…)` captures, `\A`,
 * `\z`, Unicode classes). Throws an Error naming the problem when the pattern is too large or not valid
 * RE2 — including the JavaScript-only backreferences and lookaround, which RE2 (and so Istio) refuses.
 */
export function compileIstioRegex(pattern: string): IstioRegex {
  if (pattern.length > MAX_REGEX_LENGTH) {
    throw new Error(
      `regex is too large (${pattern.length} characters), max length allowed is ${MAX_REGEX_LENGTH}`,
    );
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    throw new Error(`regex "${pattern}" is invalid: ${syntaxProblem(err)}`, { cause: err });
  }
  const size = re.programSize();
  if (size > MAX_REGEX_PROGRAM_SIZE) {
    throw new Error(
      `regex "${pattern}" is too large: RE2 program size ${size}, max allowed is ${MAX_REGEX_PROGRAM_SIZE} ` +
        '(large counted repetitions such as {1,500} cost the most: use + or * where the bound does not matter)',
    );
  }
  const groups = re.groupCount();
  return {
    pattern,
    fullMatch: (value) => re.testExact(value),
    rewriter: (substitution) => {
      const parts = parseSubstitution(substitution, groups);
      return (value) => globalReplace(re, parts, value);
    },
  };
}

/** re2js's reason, reworded for the JavaScript habits RE2 lacks (its own words name only the token). */
function syntaxProblem(err: unknown): string {
  if (!(err instanceof RE2JSSyntaxException)) return err instanceof Error ? err.message : String(err);
  const at = err.input ?? '';
  if (/^\\([1-9]|k)/.test(at)) return `backreferences (${at}) are not supported: RE2 has none`;
  if (at.startsWith('(?=') || at.startsWith('(?!')) {
    return `lookahead (${at.slice(0, 3)}) is not supported: RE2 has no lookaround`;
  }
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) {
    return `lookbehind (${at.slice(0, 4)}) is not supported: RE2 has no lookaround`;
  }
  return at === '' ? err.error : `${err.error}: \`${at}\``;
}

/** A substitution as literal text and group numbers. */
type Part = string | number;

function parseSubstitution(substitution: string, groups: number): Part[] {
  const parts: Part[] = [];
  let literal = '';
  for (let i = 0; i < substitution.length; i++) {
    const c = substitution.charAt(i);
    if (c !== '\\') {
      literal += c;
      continue;
    }
    const next = substitution.charAt(++i);
    if (next === '\\') {
      literal += '\\';
    } else if (next >= '0' && next <= '9') {
      const group = Number(next);
      if (group > groups) {
        throw new Error(
          `substitution "${substitution}" uses \\${group} but the regex has ${groups} capture group(s)`,
        );
      }
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(group);
    } else {
      const what = next === '' ? 'ends with a lone \\' : `has an invalid escape \\${next}`;
      throw new Error(`substitution "${substitution}" ${what} (only \\0-\\9 and \\\\ are allowed)`);
    }
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

/** RE2::GlobalReplace: every non-overlapping match, except an empty match right where the previous one ended. */
function globalReplace(re: RE2JS, parts: readonly Part[], value: string): string {
  const m = re.matcher(value);
  let out = '';
  let copied = 0;
  let lastEnd = -1;
  while (m.find()) {
    const start = m.start();
    const end = m.end();
    if (start === end && start === lastEnd) continue;
    out += value.slice(copied, start);
    for (const p of parts) out += typeof p === 'string' ? p : (m.group(p) ?? '');
    copied = end;
    lastEnd = end;
  }
  return lastEnd < 0 ? value : out + value.slice(copied);
}
