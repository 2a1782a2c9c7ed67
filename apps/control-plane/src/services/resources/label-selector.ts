// Kubernetes label selectors: `app=x`, `app==x`, `app!=x`, `env in (a,b)`, `env notin (a)`,
// `app` (exists), `!app` (absent), joined by commas. A bad selector names what is wrong.
import { cpError } from '../../errors.js';

export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'absent'; key: string };

export type LabelSelector = LabelRequirement[];

const KEY = `[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?`;
const VALUE = `([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?`;
const EQ = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^)]*)\\)$`);
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const VALUE_ONLY = new RegExp(`^${VALUE}$`);

export function parseLabelSelector(text: string, field = 'query.labelSelector'): LabelSelector {
  const out: LabelSelector = [];
  for (const part of splitTopLevel(text)) {
    const p = part.trim();
    if (p === '') continue;
    let m = SET.exec(p);
    if (m) {
      const values = m[4]!.split(',').map((v) => v.trim());
      if (values.some((v) => !VALUE_ONLY.test(v)))
        throw invalid(field, p, 'a value in the set is not a label value');
      out.push({ op: m[3] as 'in' | 'notin', key: m[1]!, values });
      continue;
    }
    m = EQ.exec(p);
    if (m) {
      out.push({ op: m[3] === '!=' ? 'neq' : 'eq', key: m[1]!, value: m[4] ?? '' });
      continue;
    }
    m = EXISTS.exec(p);
    if (m) {
      out.push({ op: m[1] ? 'absent' : 'exists', key: m[2]! });
      continue;
    }
    throw invalid(field, p, 'expected key=value, key!=value, key in (a,b), key notin (a,b), key or !key');
  }
  return out;
}

export function matchesLabels(selector: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case 'absent':
        return !has;
    }
    return false;
  });
}

/** Splits on commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function invalid(field: string, part: string, why: string) {
  return cpError('CP_ERR_BAD_REQUEST', `invalid label selector ${JSON.stringify(part)}: ${why}`, { field });
}
