// Kubernetes label selectors (`-l app=httpbin,version!=v1,tier in (web,api),!canary`), parsed and matched.
import { CliError } from './cli-error.js';

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'doesnotexist' };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Parses a selector; throws a CliError naming the bad term. An empty selector matches everything. */
export function parseLabelSelector(selector: string): Requirement[] {
  const out: Requirement[] = [];
  for (const term of splitTerms(selector)) {
    const t = term.trim();
    if (t === '') continue;
    const set = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
    const equality = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(t);
    const absent = /^!\s*(\S+)$/.exec(t);
    if (set) {
      const values = set[3]!.split(',').map((v) => checkValue(v.trim(), t));
      out.push({ key: checkKey(set[1]!, t), op: set[2] as 'in' | 'notin', values });
    } else if (equality) {
      const value = checkValue(equality[3]!, t);
      out.push({
        key: checkKey(equality[1]!, t),
        op: equality[2] === '!=' ? 'notin' : 'in',
        values: [value],
      });
    } else if (absent) {
      out.push({ key: checkKey(absent[1]!, t), op: 'doesnotexist' });
    } else if (KEY.test(t)) {
      out.push({ key: t, op: 'exists' });
    } else {
      throw new CliError(
        `invalid label selector ${JSON.stringify(selector)}: cannot parse ${JSON.stringify(t)}`,
      );
    }
  }
  return out;
}

/** True when the labels satisfy every requirement. */
export function matchesSelector(
  requirements: readonly Requirement[],
  labels: Record<string, string> = {},
): boolean {
  return requirements.every((r): boolean => {
    const has = Object.hasOwn(labels, r.key);
    if (r.op === 'exists') return has;
    if (r.op === 'doesnotexist') return !has;
    if (r.op === 'in') return has && r.values.includes(labels[r.key]!);
    if (r.op === 'notin') return !has || !r.values.includes(labels[r.key]!);
    return false;
  });
}

/** Splits on commas outside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

function checkKey(key: string, term: string): string {
  if (!KEY.test(key))
    throw new CliError(`invalid label selector: bad key ${JSON.stringify(key)} in ${JSON.stringify(term)}`);
  return key;
}

function checkValue(value: string, term: string): string {
  if (!VALUE.test(value) || value.length > 63) {
    throw new CliError(
      `invalid label selector: bad value ${JSON.stringify(value)} in ${JSON.stringify(term)}`,
    );
  }
  return value;
}
