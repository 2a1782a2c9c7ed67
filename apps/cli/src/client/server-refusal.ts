// A server's refusal of the `-f` files (apply, diff, analyze, run) retold as `file:line:column: message`,
// like the local check: the server has the last word on validation (it may be newer than this CLI), but
// its lines count in the joined body and it never knew the file names.
import type { FieldError } from '@shadowmesh/api';
import { ApiError, fieldText } from './cli-error.js';
import type { ManifestSource } from './manifest-input.js';
import { formatSourcePosition, sourceAt } from './source-position.js';

type PlacedField = FieldError & { line?: number; column?: number };

/** `err` with its positions in the files (`details.file`, `line`, `column`, each field's `location`), else `err`. */
export function locateRefusal(err: unknown, sources: readonly ManifestSource[]): unknown {
  if (!(err instanceof ApiError) || sources.length === 0) return err;
  const d = err.details;
  const fields: PlacedField[] = Array.isArray(d.fields) ? (d.fields as PlacedField[]) : [];
  const placed = fields.map((f) => {
    const at = sourceAt(sources, { document: f.document ?? d.document, line: f.line, column: f.column });
    return {
      ...f,
      message: withoutPosition(f.message),
      ...(at ? { location: formatSourcePosition(at) } : {}),
    };
  });
  const at = sourceAt(sources, { document: d.document, line: d.line, column: d.column });
  if (at === undefined) return err;
  const first = placed[0];
  // The server's message reads `document N (Kind name): field: message at line L, column C (and K more)`.
  const what = /^document \d+ \(([^)]+)\)/.exec(err.message)?.[1];
  const text = first
    ? `${what ? `${what}: ` : ''}${fieldText(first)}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`
    : withoutPosition(err.message);
  const details = {
    ...d,
    file: at.name,
    line: at.line,
    ...(at.column === undefined ? {} : { column: at.column }),
    ...(Array.isArray(d.fields) ? { fields: placed } : {}),
  };
  return new ApiError(err.status, err.code, `${formatSourcePosition(at)}: ${text}`, details);
}

// The YAML parser repeats the position in its message; the location already says it.
function withoutPosition(message: string): string {
  return message.replace(/ at line \d+, column \d+:?(?= \(and \d+ more\)$|$)/, '');
}
