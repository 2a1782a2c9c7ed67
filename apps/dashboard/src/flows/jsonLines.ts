// A JSON value pretty-printed line by line (as JSON.stringify with 2 spaces), each line knowing the
// field it shows, so the lines of differing fields (and everything under them) can be highlighted.
import type { IgnoredBecause } from '@shadowmesh/api';
import { type PathSegment, parseJsonPath, segmentKey } from './jsonPath';

/** How a line is highlighted: a counted difference, or one not counted (with why). */
export type LineMark = { kind: 'differs' } | { kind: 'ignored'; because: IgnoredBecause };

export interface MarkedLine {
  text: string;
  /** The field the line shows (`$` for the root). */
  path: readonly PathSegment[];
  mark?: LineMark;
}

/** Difference paths keyed by segments; paths that are not JSON paths are left out. */
export function marksByPath(
  differences: ReadonlyArray<{ field: string; ignored?: IgnoredBecause }>,
): Map<string, LineMark> {
  const marks = new Map<string, LineMark>();
  for (const d of differences) {
    const segments = parseJsonPath(d.field);
    if (!segments) continue;
    const key = segmentKey(segments);
    // A counted difference wins over an ignored one on the same field.
    if (marks.get(key)?.kind === 'differs') continue;
    marks.set(key, d.ignored ? { kind: 'ignored', because: d.ignored } : { kind: 'differs' });
  }
  return marks;
}

/** The mark of a field: its own, or the nearest marked ancestor's (a whole object may differ). */
function markOf(path: readonly PathSegment[], marks: Map<string, LineMark>): LineMark | undefined {
  for (let n = path.length; n >= 0; n -= 1) {
    const mark = marks.get(segmentKey(path.slice(0, n)));
    if (mark) return mark;
  }
  return undefined;
}

/** The lines of `value` pretty-printed, each with its field's mark. */
export function jsonLines(value: unknown, marks: Map<string, LineMark>): MarkedLine[] {
  const lines: MarkedLine[] = [];
  const push = (text: string, path: readonly PathSegment[]) => {
    const mark = markOf(path, marks);
    lines.push(mark ? { text, path, mark } : { text, path });
  };
  const walk = (node: unknown, path: PathSegment[], indent: string, prefix: string, comma: string) => {
    if (Array.isArray(node) && node.length > 0) {
      push(`${indent}${prefix}[`, path);
      node.forEach((item, i) => {
        walk(item, [...path, i], `${indent}  `, '', i < node.length - 1 ? ',' : '');
      });
      push(`${indent}]${comma}`, path);
    } else if (isObject(node) && Object.keys(node).length > 0) {
      push(`${indent}${prefix}{`, path);
      const keys = Object.keys(node);
      keys.forEach((key, i) => {
        walk(
          node[key],
          [...path, key],
          `${indent}  `,
          `${JSON.stringify(key)}: `,
          i < keys.length - 1 ? ',' : '',
        );
      });
      push(`${indent}}${comma}`, path);
    } else {
      push(`${indent}${prefix}${scalarText(node)}${comma}`, path);
    }
  };
  walk(value, [], '', '', '');
  return lines;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isObject(value)) return '{}';
  return JSON.stringify(value) ?? 'null';
}
