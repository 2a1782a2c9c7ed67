// Where a field path (`spec.http[0].mirrorPercentage.value`) sits in YAML text: for inline markers
// in the editor. Falls back to the nearest ancestor that exists (e.g. for a missing required field).
import { isMap, isNode, isPair, isScalar, isSeq, type Node, parseAllDocuments } from 'yaml';
import { parseFieldPath } from './fieldPath';

export interface TextRange {
  from: number;
  to: number;
}

/** The range of the field (key through value) in document `document` of `text`; null when none applies. */
export function fieldRange(text: string, field: string, document = 0): TextRange | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return null;
  const doc = docs[document];
  if (!doc) return null;
  const segments = parseFieldPath(field) ?? [];
  let node: unknown = doc.contents;
  let found: TextRange | null = null;
  for (const segment of segments) {
    let next: { key: unknown; value: unknown } | undefined;
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (pair) next = { key: pair.key, value: pair.value };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item !== undefined) next = { key: item, value: item };
    }
    if (!next) break;
    const range = spanOf(next.key, next.value);
    if (range) found = range;
    node = next.value;
  }
  if (found) return found;
  const contents = doc.contents;
  return isNode(contents) && contents.range ? { from: contents.range[0], to: contents.range[0] } : null;
}

function spanOf(key: unknown, value: unknown): TextRange | null {
  const start = isNode(key) ? (key as Node).range?.[0] : undefined;
  const end = isNode(value) ? (value as Node).range?.[1] : isNode(key) ? (key as Node).range?.[1] : undefined;
  if (start === undefined || end === undefined) return null;
  return { from: start, to: Math.max(start, end) };
}

/** Offset of a 1-based line and column in `text` (clamped to the text). */
export function offsetOf(text: string, line: number, column = 1): number {
  let offset = 0;
  for (let l = 1; l < line; l += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}
