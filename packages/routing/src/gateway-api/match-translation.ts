// Gateway API `HTTPRouteMatch` → Istio `HTTPMatchRequest`s, and the rank that orders rules across routes.
import type { HTTPMatchRequest, HTTPRouteMatch, HTTPValueMatch, StringMatch } from '@shadowmesh/api';

/**
 * How specific a match is, compared field by field as Istio sorts Gateway API rules: path kind (Exact >
 * PathPrefix > RegularExpression), then path length, then a method, then the number of header matches,
 * then of query parameter matches. Larger is more specific.
 */
export type MatchRank = readonly [
  pathKind: number,
  pathLength: number,
  method: number,
  headers: number,
  query: number,
];

const PATH_KIND_RANK = { Exact: 3, PathPrefix: 2, RegularExpression: 1 } as const;

/** Ranks a match (an absent path is the default `PathPrefix /`). */
export function matchRank(m: HTTPRouteMatch): MatchRank {
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  // `/api/` and `/api` are one PathPrefix (trailing slashes do not count), so they rank alike.
  return [
    PATH_KIND_RANK[type] ?? 0,
    type === 'PathPrefix' ? prefixPath(value).length : value.length,
    m.method ? 1 : 0,
    m.headers?.length ?? 0,
    m.queryParams?.length ?? 0,
  ];
}

/** Negative when `a` is more specific than `b` (it sorts first), 0 when they tie. */
export function compareRanks(a: MatchRank, b: MatchRank): number {
  for (let i = 0; i < a.length; i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function valueMatch(v: HTTPValueMatch): StringMatch {
  return v.type === 'RegularExpression' ? { regex: v.value } : { exact: v.value };
}

function valueMatches(list: readonly HTTPValueMatch[] | undefined, lowerCase: boolean) {
  if (!list || list.length === 0) return undefined;
  const out: Record<string, StringMatch> = {};
  // The first entry of a name wins, as the specification says for equivalent names.
  for (const v of list) {
    const name = lowerCase ? v.name.toLowerCase() : v.name;
    if (!(name in out)) out[name] = valueMatch(v);
  }
  return out;
}

/** The path of a PathPrefix value as compared element by element: trailing slashes do not count. */
export function prefixPath(value: string): string {
  const trimmed = value.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/** What part of the path a translated match matched, for ReplacePrefixMatch. */
export type PathPart = 'all' | 'exact-prefix' | 'prefix-children' | 'exact' | 'regex';

export interface TranslatedMatch {
  match: HTTPMatchRequest;
  /** The PathPrefix value (trimmed) when the match came from one. */
  prefix: string | null;
  part: PathPart;
}

/**
 * One Gateway API match as Istio matches. A `PathPrefix` matches whole path elements (`/foo` matches `/foo`
 * and `/foo/bar`, not `/foobar`), which a string prefix cannot say: it becomes two matches, `exact: /foo`
 * and `prefix: /foo/` (only `/` stays a plain prefix). `port` narrows to a Service parent's port.
 */
export function translateMatch(m: HTTPRouteMatch, port: number | undefined): TranslatedMatch[] {
  const base: HTTPMatchRequest = {};
  const headers = valueMatches(m.headers, true);
  if (headers) base.headers = headers;
  const query = valueMatches(m.queryParams, false);
  if (query) base.queryParams = query;
  if (m.method) base.method = { exact: m.method };
  if (port !== undefined) base.port = port;
  const type = m.path?.type ?? 'PathPrefix';
  const value = m.path?.value ?? '/';
  if (type === 'Exact') return [{ match: { ...base, uri: { exact: value } }, prefix: null, part: 'exact' }];
  if (type === 'RegularExpression') {
    return [{ match: { ...base, uri: { regex: value } }, prefix: null, part: 'regex' }];
  }
  const prefix = prefixPath(value);
  if (prefix === '/') return [{ match: { ...base, uri: { prefix: '/' } }, prefix, part: 'all' }];
  return [
    { match: { ...base, uri: { exact: prefix } }, prefix, part: 'exact-prefix' },
    { match: { ...base, uri: { prefix: `${prefix}/` } }, prefix, part: 'prefix-children' },
  ];
}
