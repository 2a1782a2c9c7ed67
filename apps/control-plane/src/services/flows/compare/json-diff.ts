// Field-by-field difference of two parsed JSON documents, with microdiff: zero dependencies, small,
// fast, and it reports exactly what is needed here — a path (keys and array indices) and the value on
// each side. (jsondiffpatch was the other candidate: its array-move detection and delta format would
// have to be walked back into paths, and moved items would not have stable `[n]` field names for noise
// learning.) Arrays are compared index by index; a whole subtree present on one side only is one
// difference at its root.
import microdiff from 'microdiff';
import type { PathSegment } from './json-path.js';

export interface JsonDifference {
  segments: PathSegment[];
  /** Absent when the field is missing on that side. */
  primary?: unknown;
  shadow?: unknown;
}

export function diffJson(primary: unknown, shadow: unknown): JsonDifference[] {
  // microdiff needs objects at the top: wrap both, so scalar documents and type changes work too.
  const out: JsonDifference[] = [];
  for (const d of microdiff({ r: primary }, { r: shadow })) {
    const segments = d.path.slice(1);
    if (d.type === 'CREATE') out.push({ segments, shadow: d.value });
    else if (d.type === 'REMOVE') out.push({ segments, primary: d.oldValue });
    else out.push({ segments, primary: d.oldValue, shadow: d.value });
  }
  return out;
}
