// Where a text body's `line N` differences sit on each side. The control plane names a changed
// line by its number in the primary (an added line with no partner by its number in the shadow),
// pairing runs of removed and added lines as jsdiff gives them; this replays the same pairing, so
// the shadow's side highlights its own line even when lines were inserted or removed above it.
import type { FlowDifference } from '@shadowmesh/api';
import { diffLines } from 'diff';
import type { LineMark } from './jsonLines';

export interface LinePair {
  /** The difference's field, `line N`. */
  field: string;
  /** 1-based line on each side; absent when the line is only on the other side. */
  primaryLine?: number;
  shadowLine?: number;
}

/** Same edit budget as the control plane: past it, lines are paired by position. */
const MAX_EDIT_LENGTH = 500;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function positional(primary: string, shadow: string): LinePair[] {
  const p = splitLines(primary);
  const s = splitLines(shadow);
  const pairs: LinePair[] = [];
  for (let i = 0; i < Math.max(p.length, s.length); i += 1) {
    if (p[i] === s[i]) continue;
    const pair: LinePair = { field: `line ${i + 1}` };
    if (p[i] !== undefined) pair.primaryLine = i + 1;
    if (s[i] !== undefined) pair.shadowLine = i + 1;
    pairs.push(pair);
  }
  return pairs;
}

/** The changed lines of two texts, paired as the control plane pairs them. */
export function linePairs(primary: string, shadow: string): LinePair[] {
  if (primary === shadow) return [];
  const changes = diffLines(primary, shadow, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) return positional(primary, shadow);
  const pairs: LinePair[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < changes.length; i += 1) {
    const change = changes[i];
    if (!change) continue;
    if (!change.added && !change.removed) {
      oldLine += change.count ?? 0;
      newLine += change.count ?? 0;
      continue;
    }
    const next = changes[i + 1];
    const removed = change.removed ? splitLines(change.value) : [];
    const added = change.added ? splitLines(change.value) : next?.added ? splitLines(next.value) : [];
    if (change.removed && next?.added) i += 1;
    for (let k = 0; k < Math.max(removed.length, added.length); k += 1) {
      const inPrimary = removed[k] !== undefined;
      const pair: LinePair = { field: inPrimary ? `line ${oldLine + k}` : `line ${newLine + k}` };
      if (inPrimary) pair.primaryLine = oldLine + k;
      if (added[k] !== undefined) pair.shadowLine = newLine + k;
      pairs.push(pair);
    }
    oldLine += removed.length;
    newLine += added.length;
  }
  return pairs;
}

/**
 * Line marks for each side from the comparison's `line N` differences. A line that differs here but
 * that the comparison did not list (its text was equal once the `-shadow` host was undone) is not
 * marked: the comparison decides what differs.
 */
export function pairedLineMarks(
  primary: string,
  shadow: string,
  differences: readonly FlowDifference[],
): { primary: Map<number, LineMark>; shadow: Map<number, LineMark> } {
  const listed = new Map<string, LineMark>();
  for (const d of differences) {
    if (d.kind !== 'body' || !d.field.startsWith('line ')) continue;
    if (listed.get(d.field)?.kind === 'differs') continue;
    listed.set(d.field, d.ignored ? { kind: 'ignored', because: d.ignored } : { kind: 'differs' });
  }
  const marks = { primary: new Map<number, LineMark>(), shadow: new Map<number, LineMark>() };
  for (const pair of linePairs(primary, shadow)) {
    const mark = listed.get(pair.field);
    if (!mark) continue;
    if (pair.primaryLine !== undefined) marks.primary.set(pair.primaryLine, mark);
    if (pair.shadowLine !== undefined) marks.shadow.set(pair.shadowLine, mark);
  }
  return marks;
}
