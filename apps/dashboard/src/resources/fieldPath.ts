// Field paths as the control plane reports them (`spec.http[0].route[1].weight`, `metadata["a.b"]`).

export type PathSegment = string | number;

/**
 * Parses a field path into its segments: `spec.http[0].route[1].weight` →
 * `['spec', 'http', 0, 'route', 1, 'weight']`. Bracketed JSON strings (`labels["app.kubernetes.io/name"]`)
 * become one segment. Returns null when the text is not a field path.
 */
export function parseFieldPath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  let i = 0;
  const text = path.trim();
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      if (i === 0 || i === text.length - 1) return null;
      i += 1;
    } else if (ch === '[') {
      const close = findClose(text, i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else {
        try {
          const value: unknown = JSON.parse(inner);
          if (typeof value !== 'string') return null;
          segments.push(value);
        } catch {
          return null;
        }
      }
      i = close + 1;
    } else {
      const match = /^[^.[\]]+/.exec(text.slice(i));
      if (!match) return null;
      segments.push(match[0]);
      i += match[0].length;
    }
  }
  return segments.length > 0 ? segments : null;
}

function findClose(text: string, open: number): number {
  if (text[open + 1] !== '"') return text.indexOf(']', open);
  for (let i = open + 2; i < text.length; i += 1) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '"') return text[i + 1] === ']' ? i + 1 : -1;
  }
  return -1;
}

/** Formats segments back into a field path (the inverse of parseFieldPath). */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
