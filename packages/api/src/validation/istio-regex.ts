/**
 * Compiles an Istio/Envoy regex (RE2 syntax, matched against the WHOLE value) into a JavaScript RegExp.
 * RE2's leading inline flags `(?i)`, `(?s)`, `(?m)` become JS flags; the pattern is anchored with `^(?:…)$`.
 * Throws an Error naming the problem when the pattern is not valid (or uses syntax JS cannot express).
 * Validation uses it to reject bad regexes; the routing engine uses it so both agree.
 */
export function compileIstioRegex(pattern: string): RegExp {
  let body = pattern;
  let flags = '';
  const inline = /^\(\?([ims]+)\)/.exec(body);
  if (inline) {
    flags = [...new Set(inline[1])].join('');
    body = body.slice(inline[0].length);
  }
  // RE2 features JS lacks or spells differently.
  if (/\(\?[ims-]+[:)]/.test(body))
    throw new Error(`regex "${pattern}": inline flags are only supported at the start`);
  if (/\\[zAC]/.test(body))
    throw new Error(`regex "${pattern}": \\A, \\z and \\C are not supported; the match is already anchored`);
  body = body.replace(/\(\?P</g, '(?<');
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (err) {
    throw new Error(
      `regex "${pattern}" is invalid: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`,
    );
  }
}
