// A bound on how deeply objects and lists nest, checked without recursion before anything recursive
// (a deep copy, the schema check, a merge patch) walks hostile input: 10,000 levels of `[` would
// otherwise end in a stack overflow. Real manifests nest about ten levels.
import { fieldPath } from './rule-context.js';

/** Most levels of objects and lists accepted; the value itself is level 1. */
export const MAX_NESTING_DEPTH = 100;

interface Visit {
  value: unknown;
  depth: number;
  key: string | number | null;
  parent: Visit | null;
}

function pathOf(visit: Visit): string {
  const keys: (string | number)[] = [];
  for (let v: Visit | null = visit; v !== null && v.key !== null; v = v.parent) keys.push(v.key);
  let path = '';
  for (const key of keys.reverse()) {
    path =
      path === '' && typeof key === 'string' ? fieldPath('', key).replace(/^\./, '') : fieldPath(path, key);
  }
  return path || '(root)';
}

/**
 * The field path (`spec.a[0].b`) of the first object or list nested deeper than `max` levels, or null.
 * Walks with an explicit stack, so it never overflows however deep `value` is.
 */
export function nestingTooDeep(value: unknown, max = MAX_NESTING_DEPTH): string | null {
  const stack: Visit[] = [{ value, depth: 1, key: null, parent: null }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const v = visit.value;
    if (typeof v !== 'object' || v === null) continue;
    if (visit.depth > max) return pathOf(visit);
    const depth = visit.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, key: i, parent: visit });
    } else {
      for (const [key, child] of Object.entries(v)) stack.push({ value: child, depth, key, parent: visit });
    }
  }
  return null;
}
