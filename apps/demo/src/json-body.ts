/**
 * Renders a JSON body the way httpbin (Flask `jsonify` with pretty printing) does: keys sorted at every
 * level, two-space indent, non-ASCII escaped as `\uXXXX`, and a trailing newline.
 */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2).replace(NON_ASCII, escapeChar)}\n`;
}

const NON_ASCII = /[\u0080-\uffff]/g;

function escapeChar(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
