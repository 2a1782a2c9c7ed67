// The per-request view the matchers read: path split from the query once, the rest computed on demand.
import type { RequestAttributes } from './types.js';

export class RequestView {
  readonly request: RequestAttributes;
  /** Path without the query string (Envoy matches paths without it). */
  readonly path: string;
  /** The query string including its `?`, or `''`. */
  readonly query: string;
  /** Path and query in origin form (`/a?b`): the request's own string when it already was. */
  readonly originPath: string;
  readonly port: number;
  private lowerPathCache: string | null = null;
  private queryCache: Map<string, string> | null = null;

  constructor(request: RequestAttributes, port: number) {
    this.request = request;
    this.port = port;
    const given = typeof request.path === 'string' && request.path !== '' ? request.path : '/';
    let raw = given;
    // Absolute-form request targets (an HTTP proxy receives `http://host/path`): keep only the path.
    if (raw.charCodeAt(0) !== 47 /* '/' */) {
      const scheme = raw.indexOf('://');
      if (scheme !== -1) {
        const slash = raw.indexOf('/', scheme + 3);
        const q = raw.indexOf('?', scheme + 3);
        raw = slash === -1 || (q !== -1 && q < slash) ? `/${q === -1 ? '' : raw.slice(q)}` : raw.slice(slash);
      }
    }
    const hash = raw.indexOf('#');
    if (hash !== -1) raw = raw.slice(0, hash);
    const q = raw.indexOf('?');
    this.path = q === -1 ? raw : raw.slice(0, q);
    this.query = q === -1 ? '' : raw.slice(q);
    this.originPath = raw === given ? given : this.path + this.query;
  }

  get lowerPath(): string {
    this.lowerPathCache ??= this.path.toLowerCase();
    return this.lowerPathCache;
  }

  /** A header value; several values are joined with `,` as Envoy does for matching. */
  header(name: string): string | undefined {
    const v = this.request.headers?.[name];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.join(',') : String(v);
  }

  /** The first value of a query parameter, not percent-decoded (as Envoy's route matcher); `?a` gives `''`. */
  queryParam(name: string): string | undefined {
    if (this.queryCache === null) {
      this.queryCache = new Map();
      for (const part of this.query.slice(1).split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        const key = eq === -1 ? part : part.slice(0, eq);
        if (!this.queryCache.has(key)) this.queryCache.set(key, eq === -1 ? '' : part.slice(eq + 1));
      }
    }
    return this.queryCache.get(name);
  }
}
