// Header names a route's `headers.request|response` operations may never touch: the message's body framing
// and the hop-by-hop fields that describe one connection (RFC 9112 §6, RFC 9110 §7.6.1). The proxy writes
// them itself per hop; letting an operation change them would desynchronize framing between the proxy and
// the peer (`remove: [content-length]` let a request hidden in a body reach the upstream as a second one).
//
// Istio's webhook refuses only `:`-prefixed names and `host` outside the authority rewrite
// (`isInternalHeader`), as Envoy's HeaderParser does (":-prefixed or host headers may not be modified");
// Envoy's codecs then write framing and connection headers themselves, whatever the header map says.
// Shadowmesh writes HTTP/1.1 heads by hand, so it refuses these names in the config instead.

const RESERVED: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'upgrade',
  'te',
  'trailer',
  'keep-alive',
]);

/** True for a framing or hop-by-hop header name (case-insensitive; every `proxy-*` name included). */
export function isReservedHeader(name: string): boolean {
  const key = name.toLowerCase();
  return RESERVED.has(key) || key.startsWith('proxy-');
}
