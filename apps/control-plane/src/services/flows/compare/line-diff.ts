// Line-by-line difference of two texts with jsdiff (`diff`, the library git-style tools in JS use).
// A changed line is named by its line number in the primary (`line 3`); a run of removed lines
// paired with a run of added lines gives one difference per pair; an added line with no partner is
// named by its number in the shadow. Past `maxEditLength` edits jsdiff gives up: lines are then
// compared position by position, which is cheap and still names what differs.
import { diffLines } from 'diff';

export interface LineDifference {
  field: string;
  primary?: string;
  shadow?: string;
}

const MAX_EDIT_LENGTH = 500;

export function diffTextLines(primary: string, shadow: string): LineDifference[] {
  if (primary === shadow) return [];
  const changes = diffLines(primary, shadow, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) return positional(splitLines(primary), splitLines(shadow));
  const out: LineDifference[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    if (!change.added && !change.removed) {
      oldLine += change.count;
      newLine += change.count;
      continue;
    }
    const next = changes[i + 1];
    const removed = change.removed ? splitLines(change.value) : [];
    const added = change.added ? splitLines(change.value) : next?.added ? splitLines(next.value) : [];
    if (change.removed && next?.added) i++;
    const pairs = Math.max(removed.length, added.length);
    for (let k = 0; k < pairs; k++) {
      const p = removed[k];
      const s = added[k];
      const field = p !== undefined ? `line ${oldLine + k}` : `line ${newLine + k}`;
      out.push({ field, ...(p !== undefined && { primary: p }), ...(s !== undefined && { shadow: s }) });
    }
    oldLine += removed.length;
    newLine += added.length;
  }
  return out;
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function positional(primary: string[], shadow: string[]): LineDifference[] {
  const out: LineDifference[] = [];
  for (let i = 0; i < Math.max(primary.length, shadow.length); i++) {
    const p = primary[i];
    const s = shadow[i];
    if (p === s) continue;
    out.push({
      field: `line ${i + 1}`,
      ...(p !== undefined && { primary: p }),
      ...(s !== undefined && { shadow: s }),
    });
  }
  return out;
}
