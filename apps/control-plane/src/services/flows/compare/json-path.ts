// JSON field paths as Shadowmesh names them (`$.a.b[2].c`, `$['a b']`) and the ignore-rule
// matcher (`$.timestamp`, `$.items[*].id`, `$.*.id`). A rule ignores the field it names and
// everything under it. The rule grammar is the one ShadowPolicy validation accepts
// (packages/api service-rules.ts): `$` followed by `.key`, `.*`, `[n]`, `[*]`, `['key']`, `["key"]`.

export type PathSegment = string | number;

/** `$` + one step per segment; a path's string is a prefix of each of its descendants' strings. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) out += formatStep(s);
  return out;
}

/** One step of a path as formatJsonPath writes it (`.key`, `[2]`, `['a b']`). */
export function formatStep(s: PathSegment): string {
  if (typeof s === 'number') return `[${s}]`;
  if (s !== '' && s !== '*' && !/[.[\]'"\s]/.test(s)) return `.${s}`;
  if (!s.includes("'")) return `['${s}']`;
  return `[${JSON.stringify(s)}]`;
}

/** True when `path` is `ancestor` or lies under it (both as formatJsonPath writes them). */
export function isPathWithin(path: string, ancestor: string): boolean {
  if (!path.startsWith(ancestor)) return false;
  const next = path[ancestor.length];
  return next === undefined || next === '.' || next === '[';
}

type RuleStep = { any: true } | { key: string } | { index: number };

export class JsonPathRuleError extends Error {
  constructor(
    readonly rule: string,
    reason: string,
  ) {
    super(
      `"${rule}" is not a supported JSON path (${reason}): use $ followed by .key, .*, [n], [*] or ['key']`,
    );
    this.name = 'JsonPathRuleError';
  }
}

/** A compiled ignore rule: does it cover this field (given as segments)? */
export type JsonPathMatcher = (segments: readonly PathSegment[]) => boolean;

export function compileJsonPathRule(rule: string): JsonPathMatcher {
  const steps = parseRule(rule);
  return (segments) => {
    if (segments.length < steps.length) return false;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const seg = segments[i]!;
      if ('any' in step) continue;
      if ('key' in step ? seg !== step.key : seg !== step.index) return false;
    }
    return true;
  };
}

function parseRule(rule: string): RuleStep[] {
  if (!rule.startsWith('$')) throw new JsonPathRuleError(rule, 'it must start with $');
  const steps: RuleStep[] = [];
  let i = 1;
  while (i < rule.length) {
    const c = rule[i];
    if (c === '.') {
      let end = i + 1;
      while (end < rule.length && rule[end] !== '.' && rule[end] !== '[') end++;
      const key = rule.slice(i + 1, end);
      if (key === '') throw new JsonPathRuleError(rule, `empty key at ${i}`);
      if (key.includes(']')) throw new JsonPathRuleError(rule, `unexpected ] at ${i}`);
      steps.push(key === '*' ? { any: true } : { key });
      i = end;
    } else if (c === '[') {
      const end = closingBracket(rule, i);
      const inner = rule.slice(i + 1, end);
      if (inner === '*') steps.push({ any: true });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) steps.push({ key: inner.slice(1, -1) });
      else throw new JsonPathRuleError(rule, `bad step [${inner}] at ${i}`);
      i = end + 1;
    } else {
      throw new JsonPathRuleError(rule, `unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return steps;
}

function closingBracket(rule: string, open: number): number {
  const quote = rule[open + 1];
  if (quote === "'" || quote === '"') {
    const close = rule.indexOf(quote, open + 2);
    if (close !== -1 && rule[close + 1] === ']') return close + 1;
  } else {
    const close = rule.indexOf(']', open);
    if (close !== -1) return close;
  }
  throw new JsonPathRuleError(rule, `unclosed [ at ${open}`);
}
