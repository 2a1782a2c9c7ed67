// What a captured body is to the reader: nothing, JSON (parsed, to pretty-print with marks), text
// (lines, with `line N` differences marked), or binary (size and hash only).
import type { CapturedBody, FlowDifference } from '@shadowmesh/api';
import { jsonLines, type LineMark, type MarkedLine, marksByPath } from './jsonLines';
import { pairedLineMarks } from './textPairs';

export type BodyView =
  | { kind: 'none' }
  | { kind: 'json'; lines: MarkedLine[]; body: CapturedBody }
  | { kind: 'text'; lines: MarkedLine[]; body: CapturedBody }
  | { kind: 'binary'; body: CapturedBody };

function looksJson(contentType: string | undefined, text: string): boolean {
  if (contentType && /[/+]json\b/i.test(contentType)) return true;
  const start = text.trimStart()[0];
  return start === '{' || start === '[';
}

/** `line N` differences (1-based) by line number. */
export function lineMarks(differences: readonly FlowDifference[]): Map<number, LineMark> {
  const marks = new Map<number, LineMark>();
  for (const d of differences) {
    const match = /^line (\d+)$/.exec(d.field);
    if (!match || d.kind !== 'body') continue;
    const line = Number(match[1]);
    if (marks.get(line)?.kind === 'differs') continue;
    marks.set(line, d.ignored ? { kind: 'ignored', because: d.ignored } : { kind: 'differs' });
  }
  return marks;
}

/** A text body as lines, marked by `line N` differences. */
export function textLines(text: string, marks: Map<number, LineMark>): MarkedLine[] {
  return text.split(/\r?\n/).map((line, i) => {
    const mark = marks.get(i + 1);
    return mark ? { text: line, path: [], mark } : { text: line, path: [] };
  });
}

/**
 * How to show one side's body. JSON that was cut at the capture limit does not parse and is shown
 * as text; body differences (JSON paths or `line N`) mark the lines they concern.
 */
export function bodyView(
  body: CapturedBody | null,
  contentType: string | undefined,
  differences: readonly FlowDifference[],
  textMarks?: Map<number, LineMark>,
): BodyView {
  if (!body || body.size === 0) return { kind: 'none' };
  if (body.encoding === 'base64') return { kind: 'binary', body };
  if (looksJson(contentType, body.data) && !body.truncated) {
    try {
      const value: unknown = JSON.parse(body.data);
      const bodyDiffs = differences.filter((d) => d.kind === 'body');
      return { kind: 'json', lines: jsonLines(value, marksByPath(bodyDiffs)), body };
    } catch {
      // Not JSON after all: shown as text.
    }
  }
  return { kind: 'text', lines: textLines(body.data, textMarks ?? lineMarks(differences)), body };
}

export interface BodySide {
  body: CapturedBody | null;
  contentType: string | undefined;
}

/**
 * Both sides' views. Text on both sides is marked where each side's own lines differ (see
 * textPairs.ts); JSON by the differing paths, which both sides share.
 */
export function pairedBodyViews(
  primary: BodySide,
  shadow: BodySide,
  differences: readonly FlowDifference[],
): [BodyView, BodyView] {
  const p = bodyView(primary.body, primary.contentType, differences);
  const s = bodyView(shadow.body, shadow.contentType, differences);
  if (p.kind !== 'text' || s.kind !== 'text') return [p, s];
  const marks = pairedLineMarks(p.body.data, s.body.data, differences);
  return [
    bodyView(primary.body, primary.contentType, differences, marks.primary),
    bodyView(shadow.body, shadow.contentType, differences, marks.shadow),
  ];
}
