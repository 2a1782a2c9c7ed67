// Positions in the body sent to the server (`joinSources`) as positions in the `-f` files: with several
// files, the server counts lines and documents in the joined text, which no file has.
import { LineCounter, Parser } from 'yaml';
import { joinSources, type ManifestSource, SEPARATOR_LINES } from './manifest-input.js';

export interface SourcePosition {
  /** The file as the user named it, or `<stdin>`. */
  name: string;
  /** 1-based, in that file. */
  line: number;
  column?: number;
}

/** Where a position the server reported (its line, else its document's first line) is in the files. */
export function sourceAt(
  sources: readonly ManifestSource[],
  at: { document?: number; line?: number; column?: number },
): SourcePosition | undefined {
  const line = at.line ?? (at.document === undefined ? undefined : documentLine(sources, at.document));
  if (line === undefined || !Number.isInteger(line) || line < 1) return undefined;
  let first = 1;
  for (const [i, s] of sources.entries()) {
    const last = first + newlines(s.text); // the file's last line (empty after a final newline)
    if (line <= last) {
      const column = at.line !== undefined && at.column !== undefined ? { column: at.column } : {};
      return { name: s.name, line: line - first + 1, ...column };
    }
    const next = last + SEPARATOR_LINES;
    // The separator's own line belongs to no file: name the file it opens.
    if (line < next) return sources[i + 1] ? { name: sources[i + 1]!.name, line: 1 } : undefined;
    first = next;
  }
  return undefined;
}

/** `file.yaml:12:9` (or `file.yaml:12`). */
export function formatSourcePosition(p: SourcePosition): string {
  return `${p.name}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The line where document `index` of the joined text starts, counted as the server's parser counts them. */
function documentLine(sources: readonly ManifestSource[], index: number): number | undefined {
  const lineCounter = new LineCounter();
  let n = -1;
  // The CST parser keeps its own stack (no recursion), and documents are counted as parseAllDocuments does.
  for (const token of new Parser(lineCounter.addNewLine).parse(joinSources(sources))) {
    if (token.type !== 'document' || ++n !== index) continue;
    return lineCounter.linePos(token.value?.offset ?? token.offset).line;
  }
  return undefined;
}
