// JSON paths of body differences (`$.format.bitrate`, `$.items[0].id`, `$["a b"]`) as segment keys,
// so a difference can be matched to the pretty-printed line of its field whatever notation was used.

export type PathSegment = string | number;

/** Segments of a JSON path, or null when it is not one (`line 3`, a header name). */
export function parseJsonPath(path: string): PathSegment[] | null {
  if (!path.startsWith('$')) return null;
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      let end = i + 1;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
      if (end === i + 1) return null;
      segments.push(path.slice(i + 1, end));
      i = end;
    } else if (c === '[') {
      const close = closingBracket(path, i);
      if (close < 0) return null;
      const inner = path.slice(i + 1, close);
      const quoted = /^(["'])(.*)\1$/.exec(inner);
      if (quoted) segments.push(unquote(quoted[2] ?? '', quoted[1] === '"'));
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (inner === '*') segments.push('*');
      else return null;
      i = close + 1;
    } else {
      return null;
    }
  }
  return segments;
}

function closingBracket(path: string, open: number): number {
  const quote = path[open + 1];
  if (quote !== '"' && quote !== "'") return path.indexOf(']', open);
  for (let i = open + 2; i < path.length; i += 1) {
    if (path[i] === '\\') i += 1;
    else if (path[i] === quote) return path[i + 1] === ']' ? i + 1 : -1;
  }
  return -1;
}

function unquote(text: string, json: boolean): string {
  if (!json) return text.replace(/\\(.)/g, '$1');
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** One text per path, whatever notation it was written in (array indexes and keys alike). */
export function segmentKey(segments: readonly PathSegment[]): string {
  return segments.map(String).join('\u0000');
}

/** How the dashboard writes a path: `$.a.b[0]["x-y"]`. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
