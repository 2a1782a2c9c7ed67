// How a captured response body is compared: parsed JSON (by content type, or text that parses as
// a JSON object or array), UTF-8 text (by line), or bytes (base64 capture, by sha256 only).
// A truncated capture is never parsed as JSON (its kept part is cut mid-document): it is text.
import type { CapturedBody } from '@shadowmesh/api';

export type BodyContent =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string; truncated: boolean }
  | { kind: 'binary' };

const JSON_TYPE = /^application\/(?:[\w.+-]*\+)?json\b|^[\w.+-]+\/[\w.+-]*\+json\b/i;

/** Reads a body; `rewrite` (the shadow-host rewriter) is applied to its text before parsing. */
export function readBody(
  body: CapturedBody | null,
  contentType: string | undefined,
  rewrite?: ((text: string) => string) | null,
): BodyContent {
  if (body === null || body.size === 0) return { kind: 'empty' };
  if (body.encoding === 'base64') return { kind: 'binary' };
  const text = rewrite ? rewrite(body.data) : body.data;
  if (!body.truncated && (JSON_TYPE.test(contentType ?? '') || looksLikeJson(text))) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      // declared JSON that does not parse: compared as text, which still shows where it differs
    }
  }
  return { kind: 'text', text, truncated: body.truncated };
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

/** What the UI shows for a body compared by hash: its size and sha256. */
export function bodyDigest(body: CapturedBody | null): { size: number; sha256: string } | undefined {
  return body === null ? undefined : { size: body.size, sha256: body.sha256 };
}
