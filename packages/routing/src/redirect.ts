// Istio `redirect` → a `redirect` decision carrying the full Location, built the way Envoy's `newUri` does.
import type { HTTPRedirect } from '@shadowmesh/api';
import { formatAuthority, parseAuthority, portStart } from './authority.js';
import type { MatchBlock } from './match-compiler.js';
import { prefixRewrite } from './path-rewrite.js';
import type { RequestView } from './request-view.js';

export interface CompiledRedirect {
  readonly status: number;
  location(view: RequestView, block: MatchBlock | null): string;
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443 };

/**
 * Compiles `redirect`. Scheme, authority and port default to the request's; `port` (or `derivePort`)
 * replaces the port, omitted when it is the scheme's default; changing the scheme drops a port that was the
 * old scheme's default. `uri` replaces the path (and the query only when it has one, as Envoy's
 * `path_redirect`); `prefixRewrite` replaces the matched prefix. `redirectCode` defaults to 301.
 */
export function compileRedirect(r: HTTPRedirect): CompiledRedirect {
  const status =
    typeof r.redirectCode === 'number' && r.redirectCode >= 300 && r.redirectCode <= 399
      ? r.redirectCode
      : 301;
  const rewrite = typeof r.prefixRewrite === 'string' ? prefixRewrite(r.prefixRewrite) : null;
  return {
    status,
    location(view, block) {
      const req = view.request;
      const fromScheme = req.scheme === 'https' ? 'https' : 'http';
      const scheme = typeof r.scheme === 'string' && r.scheme !== '' ? r.scheme : fromScheme;
      let authority = typeof r.authority === 'string' && r.authority !== '' ? r.authority : req.authority;
      let port: number | null = null;
      if (typeof r.port === 'number' && r.port > 0) port = r.port;
      else if (r.derivePort === 'FROM_PROTOCOL_DEFAULT') port = DEFAULT_PORT[scheme] ?? null;
      else if (r.derivePort === 'FROM_REQUEST_PORT') port = view.port;
      if (port !== null) {
        const host = portStart(authority) === -1 ? authority : authority.slice(0, portStart(authority));
        authority = port === DEFAULT_PORT[scheme] ? host : `${host}:${port}`;
      } else if (scheme !== fromScheme) {
        const parsed = parseAuthority(authority);
        if (parsed.port !== null && parsed.port === DEFAULT_PORT[fromScheme]) {
          authority = formatAuthority(parsed.host, null);
        }
      }
      let pathAndQuery: string;
      if (typeof r.uri === 'string' && r.uri !== '') {
        pathAndQuery = r.uri.includes('?') ? r.uri : r.uri + view.query;
      } else if (rewrite) {
        pathAndQuery = rewrite(view.path, block) + view.query;
      } else {
        pathAndQuery = view.path + view.query;
      }
      return `${scheme}://${authority}${pathAndQuery}`;
    },
  };
}
