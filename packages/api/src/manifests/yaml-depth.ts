// Refuses YAML that nests too deeply before the `yaml` library composes it: its composer recurses once per
// level, and a few thousand levels (`[[[[…`, 20 KB of text) overflow the stack. That is caught inside the
// library, but the next deep document can then crash the whole process (V8: "RegExpCompiler Allocation
// failed - process out of memory"). The library's CST parser keeps an explicit stack, so it is safe to run
// first, and the CST is walked here without recursion.
import { type CST, LineCounter, Parser } from 'yaml';
import { MAX_NESTING_DEPTH } from '../validation/nesting-depth.js';
import type { ManifestFieldError, ParsedManifest } from './parsed-manifest.js';

interface TooDeep {
  /** Index of the document (0-based, as parseAllDocuments counts them). */
  document: number;
  line: number;
  column: number;
}

/** Offset of the first collection nested deeper than `max` levels inside `token`, or null. */
function deepOffset(token: CST.Token, max: number): number | null {
  const stack: [CST.Token, number][] = [[token, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [t, depth] = top;
    if (t.type === 'document') {
      if (t.value) stack.push([t.value, depth]);
      continue;
    }
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') continue;
    if (depth + 1 > max) return t.offset;
    for (const item of t.items) {
      if ('key' in item && item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return null;
}

/** Where `text` first nests collections deeper than `max` levels, or null when it does not. */
export function yamlTooDeep(text: string, max = MAX_NESTING_DEPTH): TooDeep | null {
  const lineCounter = new LineCounter();
  let document = -1;
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) {
    if (token.type !== 'document') continue;
    document++;
    const offset = deepOffset(token, max);
    if (offset !== null) {
      const { line, col } = lineCounter.linePos(offset);
      return { document, line, column: col };
    }
  }
  return null;
}

/** The whole input refused for its depth (the other documents are not read). */
export function tooDeepManifest(at: TooDeep): ParsedManifest {
  const error: ManifestFieldError = {
    field: '(yaml)',
    message: `collections nest deeper than ${MAX_NESTING_DEPTH} levels at line ${at.line}, column ${at.column}`,
    document: at.document,
    line: at.line,
    column: at.column,
  };
  return {
    entries: [{ index: at.document, line: at.line, status: 'error', errors: [error] }],
    resources: [],
    skipped: [],
    errors: [error],
    warnings: [],
    ok: false,
  };
}
