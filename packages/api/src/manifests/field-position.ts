import { type Document, isNode, type LineCounter } from 'yaml';

/** Splits `spec.http[0].route["a.b"]` into `['spec', 'http', 0, 'route', 'a.b']`. */
export function fieldPathToKeys(field: string): (string | number)[] {
  const keys: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of field.matchAll(re)) {
    if (m[1] !== undefined) keys.push(m[1]);
    else if (m[2] !== undefined) keys.push(Number(m[2]));
    else if (m[3] !== undefined) keys.push(JSON.parse(m[3]) as string);
  }
  return keys;
}

/**
 * The 1-based line and column of a field inside a parsed YAML document, or of its nearest existing parent
 * (a missing required field points at the object that lacks it).
 */
export function fieldPosition(
  doc: Document,
  lineCounter: LineCounter,
  field: string,
): { line: number; column: number } | undefined {
  const keys = fieldPathToKeys(field);
  for (let n = keys.length; n >= 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) {
      const pos = lineCounter.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}
