// Compiles an HTTPRoute's `match` list once: runtime conditions become a list of predicates; the selector
// fields (sourceLabels, sourceNamespace, gateways) are decided now, against the proxy the table is for.
import type { HTTPMatchRequest, StringMatch } from '@shadowmesh/api';
import type { RequestView } from './request-view.js';
import { selectorMatches } from './resource-set.js';
import { compileStringMatch, type StringMatcher } from './string-match.js';

/** Who the routes are compiled for. */
export interface BindingContext {
  proxyNamespace: string;
  proxyLabels: Readonly<Record<string, string>>;
  /** `mesh` for a sidecar, else the `namespace/name` of the Gateway whose server is being built. */
  gateway: string;
  /** Namespace of the VirtualService (short gateway names resolve in it). */
  vsNamespace: string;
  /** The VirtualService's own `gateways` (empty ⇒ `mesh`). */
  vsGateways: readonly string[] | undefined;
}

/** One compiled match block. */
export interface MatchBlock {
  readonly name: string | undefined;
  /** The URI matcher (for rewrites: a prefix match replaces only the matched prefix). */
  readonly uri: StringMatcher | null;
  test(view: RequestView): boolean;
}

export interface CompiledMatch {
  /** False when no block can ever apply to this proxy (the route is then left out). */
  readonly applies: boolean;
  /** The first block that matches (a match-all block for an empty list), or null. */
  match(view: RequestView): MatchBlock | null;
}

type Condition = (view: RequestView) => boolean;

const MATCH_ALL: MatchBlock = { name: undefined, uri: null, test: () => true };
const IGNORED_HEADER_KEYS = new Set(['uri', 'scheme', 'method', 'authority']);

/** `mesh`, `ns/name`, or `name` (resolved in the VirtualService's namespace). */
export function resolveGatewayName(name: string, vsNamespace: string): string {
  if (name === 'mesh' || name.includes('/')) return name;
  return `${vsNamespace}/${name}`;
}

function bindsTo(gateways: readonly string[] | undefined, ctx: BindingContext): boolean {
  const list = gateways && gateways.length > 0 ? gateways : ['mesh'];
  return list.some((g) => resolveGatewayName(g, ctx.vsNamespace) === ctx.gateway);
}

function entries(map: Record<string, StringMatch> | undefined): [string, StringMatch][] {
  return map && typeof map === 'object' ? Object.entries(map) : [];
}

function compileBlock(m: HTTPMatchRequest, onError: (msg: string) => void): MatchBlock {
  const conds: Condition[] = [];
  let uri: StringMatcher | null = null;
  if (m.uri) {
    const ic = m.ignoreUriCase === true && (m.uri.exact !== undefined || m.uri.prefix !== undefined);
    const u = compileStringMatch(m.uri, onError, ic);
    uri = u;
    conds.push(ic ? (v) => u.test(v.lowerPath) : (v) => u.test(v.path));
  }
  if (m.scheme) {
    const s = compileStringMatch(m.scheme, onError);
    conds.push((v) => s.test(v.request.scheme));
  }
  if (m.method) {
    const s = compileStringMatch(m.method, onError);
    conds.push((v) => s.test(v.request.method));
  }
  if (m.authority) {
    const s = compileStringMatch(m.authority, onError);
    conds.push((v) => s.test(v.request.authority));
  }
  for (const [rawKey, sm] of entries(m.headers)) {
    const key = rawKey.toLowerCase();
    if (IGNORED_HEADER_KEYS.has(key)) continue;
    const s = compileStringMatch(sm, onError);
    conds.push((v) => {
      const h = v.header(key);
      return h !== undefined && s.test(h);
    });
  }
  for (const [rawKey, sm] of entries(m.withoutHeaders)) {
    const key = rawKey.toLowerCase();
    const s = compileStringMatch(sm, onError);
    // Envoy `invert_match`: an absent header does not match, so the inverted condition holds.
    conds.push((v) => {
      const h = v.header(key);
      return h === undefined || !s.test(h);
    });
  }
  for (const [key, sm] of entries(m.queryParams)) {
    const s = compileStringMatch(sm, onError);
    conds.push((v) => {
      const q = v.queryParam(key);
      return q !== undefined && s.test(q);
    });
  }
  if (typeof m.port === 'number') {
    const port = m.port;
    conds.push((v) => v.port === port);
  }
  const n = conds.length;
  return {
    name: m.name,
    uri,
    test(view) {
      for (let i = 0; i < n; i++) if (!conds[i]!(view)) return false;
      return true;
    },
  };
}

/**
 * Compiles a route's match list for one binding. Blocks are ORed, conditions inside a block ANDed, an empty
 * list matches everything. A block whose `sourceLabels`/`sourceNamespace` do not select this proxy, or
 * whose `gateways` (else the VirtualService's) do not include this binding, is dropped now; if every block
 * is dropped the route never matches (it does not become match-all).
 */
export function compileMatch(
  list: readonly HTTPMatchRequest[] | undefined,
  ctx: BindingContext,
  onError: (message: string) => void,
): CompiledMatch {
  if (!Array.isArray(list) || list.length === 0) {
    return { applies: true, match: () => MATCH_ALL };
  }
  const blocks: MatchBlock[] = [];
  for (const m of list) {
    if (!m || typeof m !== 'object') continue;
    if (m.sourceLabels && !selectorMatches(m.sourceLabels, ctx.proxyLabels)) continue;
    if (m.sourceNamespace !== undefined && m.sourceNamespace !== ctx.proxyNamespace) continue;
    if (!bindsTo(m.gateways ?? ctx.vsGateways, ctx)) continue;
    blocks.push(compileBlock(m, onError));
  }
  const n = blocks.length;
  return {
    applies: n > 0,
    match(view) {
      for (let i = 0; i < n; i++) {
        const b = blocks[i]!;
        if (b.test(view)) return b;
      }
      return null;
    },
  };
}
