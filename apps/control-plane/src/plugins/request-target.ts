// Refuses request targets whose meaning depends on who decodes them. The router matches the decoded
// path, so `/api%2Fv1`, `/x/../api` or `http://host/api` must not reach it with a raw URL that
// another reader (a log, a proxy in front, an older auth check) would see differently.
import type { FastifyInstance } from 'fastify';
import { cpError } from '../errors.js';

/** Why `url` (a raw request target) is refused, or null when it is a plain origin-form path. */
export function requestTargetProblem(url: string): string | null {
  // Absolute-form (`http://host/…`) and asterisk-form are for proxies and OPTIONS *; this is neither.
  if (!url.startsWith('/')) return 'must be a path starting with "/" (origin-form)';
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (path.includes('#')) return 'must not contain a fragment ("#")';
  const segments = path.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const raw = segments[i] as string;
    // An empty segment (`a//b`) is allowed only as the last one (a trailing slash).
    if (raw === '' && i < segments.length - 1) return 'must not contain empty segments ("//")';
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return `segment ${JSON.stringify(raw)} has malformed percent-encoding`;
    }
    if (decoded === '.' || decoded === '..') return 'must not contain "." or ".." segments';
    if (/[/\\]/.test(decoded)) return `segment ${JSON.stringify(raw)} encodes a path separator`;
    if (hasControlCharacter(decoded)) return `segment ${JSON.stringify(raw)} encodes a control character`;
  }
  return null;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** An onRequest hook answering 400 before routing-dependent checks (auth) look at the request. */
export function requestTargetPlugin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    const problem = requestTargetProblem(request.raw.url ?? '');
    if (problem !== null) {
      throw cpError('CP_ERR_BAD_REQUEST', `request target ${problem}`, { field: 'url' });
    }
  });
}
