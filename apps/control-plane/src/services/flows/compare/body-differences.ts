// Differences between the primary's and a copy's response bodies: JSON field by field, text line by
// line, bytes by sha256. Truncated captures: the kept parts are compared (cut to the shorter kept
// part when both were cut); when that finds nothing, differing sha256s of the whole bodies say they
// differ beyond the kept part (field `body`).
import type { CapturedBody, FlowComparison } from '@shadowmesh/api';
import { bodyDigest, readBody } from './body-content.js';
import { diffJson } from './json-diff.js';
import { formatJsonPath, type PathSegment } from './json-path.js';
import { diffTextLines } from './line-diff.js';

export interface BodyDifference {
  /** A JSON path, `line N`, or `body`. */
  field: string;
  /** JSON differences only: the path's segments (for ignore rules). */
  segments?: PathSegment[];
  primary?: unknown;
  shadow?: unknown;
}

export interface BodyDiffResult {
  kind: FlowComparison['bodyKind'];
  differences: BodyDifference[];
}

export interface BodySide {
  body: CapturedBody | null;
  contentType: string | undefined;
}

/** `rewrite` (the shadow-host rewriter) applies to the copy's text; see also copyNeedsRewrite. */
export function diffBodies(
  primary: BodySide,
  copy: BodySide,
  rewrite: ((text: string) => string) | null,
): BodyDiffResult {
  const p = readBody(primary.body, primary.contentType);
  const c = readBody(copy.body, copy.contentType, rewrite);
  if (p.kind === 'empty' && c.kind === 'empty') return { kind: 'empty', differences: [] };
  if (p.kind === 'empty' || c.kind === 'empty') {
    const kind = p.kind === 'empty' ? c.kind : p.kind;
    return { kind, differences: [wholeBody(primary.body, copy.body)] };
  }
  if (p.kind === 'json' && c.kind === 'json') {
    const differences = diffJson(p.value, c.value).map((d) => ({ field: formatJsonPath(d.segments), ...d }));
    return { kind: 'json', differences };
  }
  if (p.kind === 'binary' || c.kind === 'binary') {
    const same = primary.body!.sha256 === copy.body!.sha256;
    return { kind: 'binary', differences: same ? [] : [wholeBody(primary.body, copy.body)] };
  }
  const pText = p.kind === 'text' ? p.text : primary.body!.data;
  const cText = c.kind === 'text' ? c.text : rewrite ? rewrite(copy.body!.data) : copy.body!.data;
  const truncated = primary.body!.truncated || copy.body!.truncated;
  if (!truncated) return { kind: 'text', differences: diffTextLines(pText, cText) };
  const [pKept, cKept] = keptParts(pText, cText, primary.body!.truncated && copy.body!.truncated);
  const differences: BodyDifference[] = diffTextLines(pKept, cKept);
  const rewritten = rewrite !== null && cText !== copy.body!.data;
  // When the rewrite changed the copy, its whole-body hash includes `-shadow`: it cannot be trusted.
  if (differences.length === 0 && !rewritten && primary.body!.sha256 !== copy.body!.sha256) {
    differences.push(wholeBody(primary.body, copy.body));
  }
  return { kind: 'text', differences };
}

function wholeBody(primary: CapturedBody | null, copy: CapturedBody | null): BodyDifference {
  const p = bodyDigest(primary);
  const s = bodyDigest(copy);
  return { field: 'body', ...(p && { primary: p }), ...(s && { shadow: s }) };
}

/** Both cut: compare the same number of characters, and only whole lines of it. */
function keptParts(p: string, c: string, bothCut: boolean): [string, string] {
  if (!bothCut) return [p, c];
  const n = Math.min(p.length, c.length);
  const cut = (s: string) => {
    const kept = s.slice(0, n);
    const nl = kept.lastIndexOf('\n');
    return nl === -1 ? kept : kept.slice(0, nl + 1);
  };
  return [cut(p), cut(c)];
}

/** Whether the rewriter changes anything in the copy's body (else diffing it twice is wasted). */
export function copyNeedsRewrite(
  copy: CapturedBody | null,
  rewrite: ((text: string) => string) | null,
): boolean {
  return rewrite !== null && copy !== null && copy.encoding === 'utf8' && rewrite(copy.data) !== copy.data;
}
