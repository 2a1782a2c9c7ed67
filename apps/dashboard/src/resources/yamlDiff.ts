// Line diffs of YAML text (via `diff`), shaped for display: hunks of added, removed and context lines.
import { structuredPatch } from 'diff';

export type DiffLineKind = 'add' | 'remove' | 'context';

export interface DiffLine {
  kind: DiffLineKind;
  text: string;
  /** 1-based line in the old text (absent for added lines). */
  oldLine?: number;
  /** 1-based line in the new text (absent for removed lines). */
  newLine?: number;
}

export interface DiffHunk {
  header: string;
  lines: DiffLine[];
}

/** Hunks with `context` unchanged lines around each change; empty when the texts are equal. */
export function diffText(before: string, after: string, context = 3): DiffHunk[] {
  const patch = structuredPatch('before', 'after', before, after, undefined, undefined, { context });
  return patch.hunks.map((hunk) => {
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    const lines: DiffLine[] = [];
    for (const raw of hunk.lines) {
      const mark = raw[0];
      const text = raw.slice(1);
      if (mark === '+') lines.push({ kind: 'add', text, newLine: newLine++ });
      else if (mark === '-') lines.push({ kind: 'remove', text, oldLine: oldLine++ });
      else if (mark === ' ') lines.push({ kind: 'context', text, oldLine: oldLine++, newLine: newLine++ });
      // `\ No newline at end of file` markers carry no content.
    }
    return {
      header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
      lines,
    };
  });
}

/** Counts of added and removed lines over all hunks. */
export function diffStats(hunks: readonly DiffHunk[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'add') added += 1;
      else if (line.kind === 'remove') removed += 1;
    }
  }
  return { added, removed };
}
