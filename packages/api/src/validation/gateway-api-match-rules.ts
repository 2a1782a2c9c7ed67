// The Gateway API CRD rules for one `HTTPRouteMatch`: the path CEL rules (in the CRD's words), header and
// query parameter names, and regexes compiled by the one RE2 compiler the proxy also uses.
import type { HTTPRouteMatch, HTTPValueMatch } from '../resources/gateway-api/http-route-kind.js';
import { checkHeaderName, tooMany } from './gateway-api-names.js';
import { compileIstioRegex } from './istio-regex.js';
import { fieldPath, type RuleContext } from './rule-context.js';

const MAX_PATH = 1024;
const PATH_CHARS_SOURCE = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";
const PATH_CHARS = new RegExp(PATH_CHARS_SOURCE);
const WHEN = "when type one of ['Exact', 'PathPrefix']";

/** The CRD's CEL rules for an `Exact` or `PathPrefix` value, as [broken, message] pairs. */
function pathProblems(v: string): string[] {
  const rules: [boolean, string][] = [
    [!v.startsWith('/'), `value must be an absolute path and start with '/' ${WHEN}`],
    ...['//', '/./', '/../', '%2f', '%2F', '#'].map((s): [boolean, string] => [
      v.includes(s),
      `must not contain '${s}' ${WHEN}`,
    ]),
    [v.endsWith('/..'), `must not end with '/..' ${WHEN}`],
    [v.endsWith('/.'), `must not end with '/.' ${WHEN}`],
    [
      !PATH_CHARS.test(v),
      `must only contain valid characters (matching ${PATH_CHARS_SOURCE}) for types ['Exact', 'PathPrefix']`,
    ],
  ];
  return rules.filter(([broken]) => broken).map(([, message]) => message);
}

function checkRegex(ctx: RuleContext, field: string, pattern: string): void {
  try {
    compileIstioRegex(pattern);
  } catch (err) {
    ctx.error(field, (err as Error).message);
  }
}

function checkValueMatches(
  ctx: RuleContext,
  field: string,
  list: readonly HTTPValueMatch[] | undefined,
  what: 'header' | 'query parameter',
  maxValue: number,
): void {
  const bound = tooMany(list, 16);
  if (bound) ctx.error(field, bound);
  const seen = new Set<string>();
  // Past 16 the list is refused anyway; checking no more bounds the regexes compiled.
  for (const [k, m] of (list ?? []).slice(0, 16).entries()) {
    const at = fieldPath(field, k);
    const nameError = checkHeaderName(m.name);
    if (nameError) ctx.error(`${at}.name`, nameError);
    // Header names are case-insensitive; query parameter names are not.
    const key = what === 'header' ? m.name.toLowerCase() : m.name;
    if (seen.has(key)) {
      const note = what === 'header' ? ' (header names are case-insensitive)' : '';
      ctx.error(`${at}.name`, `${what} "${m.name}" is matched more than once in one match${note}`);
    }
    seen.add(key);
    if (m.value === '') ctx.error(`${at}.value`, 'value must not be empty');
    else if (m.value.length > maxValue)
      ctx.error(`${at}.value`, `value must be at most ${maxValue} characters (has ${m.value.length})`);
    else if (m.type === 'RegularExpression') checkRegex(ctx, `${at}.value`, m.value);
  }
}

/** One match of a rule (`base` is `spec.rules[i].matches[j]`). */
export function checkMatch(ctx: RuleContext, base: string, m: HTTPRouteMatch): void {
  if (m.path) {
    const type = m.path.type ?? 'PathPrefix';
    const value = m.path.value ?? '/';
    const field = `${base}.path.value`;
    if (value.length > MAX_PATH)
      ctx.error(field, `must be at most ${MAX_PATH} characters (has ${value.length})`);
    else if (type === 'RegularExpression') checkRegex(ctx, field, value);
    else for (const message of pathProblems(value)) ctx.error(field, message);
  }
  checkValueMatches(ctx, `${base}.headers`, m.headers, 'header', 4096);
  checkValueMatches(ctx, `${base}.queryParams`, m.queryParams, 'query parameter', 1024);
}
