// Istio `rewrite.uri` / `rewrite.uriRegexRewrite` and `redirect.prefixRewrite` path arithmetic.
import { compileIstioRegex } from '@shadowmesh/api';
import type { MatchBlock } from './match-compiler.js';

/** A compiled path rewrite: the new path (without query) for a request path and the block that matched it. */
export type PathRewrite = (path: string, block: MatchBlock | null) => string;

/**
 * `rewrite.uri` as Envoy applies Istio's translation: after a prefix match only the matched prefix is
 * replaced (`/api` + `/api/x` → `<uri>/x`); after an exact or regex match the whole path is replaced; with no
 * URI condition the route matched the implicit prefix `/`, so that `/` is what gets replaced (Envoy's
 * `prefix_rewrite` on a `prefix: /` route).
 */
export function prefixRewrite(replacement: string): PathRewrite {
  return (path, block) => {
    const uri = block?.uri;
    if (!uri || uri.kind === 'present' || uri.kind === 'never') {
      return path.startsWith('/') ? replacement + path.slice(1) : replacement + path;
    }
    if (uri.kind === 'prefix') return replacement + path.slice(uri.pattern.length);
    return replacement;
  };
}

/**
 * `uriRegexRewrite {match, rewrite}`: every match of the RE2 pattern is replaced, as Envoy `regex_rewrite`
 * (RE2::GlobalReplace, linear time); `\1` in the rewrite names a group. Both are compiled here, once per route
 * table: an invalid pattern or rewrite goes to `onError` and the route forwards without rewriting.
 */
export function regexRewrite(
  match: string,
  rewrite: string,
  onError: (m: string) => void,
): PathRewrite | null {
  let replace: (path: string) => string;
  try {
    replace = compileIstioRegex(match).rewriter(rewrite);
  } catch (err) {
    onError(`rewrite.uriRegexRewrite: ${(err as Error).message}`);
    return null;
  }
  return replace;
}
