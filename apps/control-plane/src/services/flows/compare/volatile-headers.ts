// Response headers that vary between any two answers, so their differences are never divergence
// (recorded with `ignored: 'rule'`). Chosen per header:
// - date, age, expires, last-modified: clocks and cache state, not behaviour;
// - x-request-id, x-envoy-upstream-service-time, server: per request, per hop or per build;
// - etag: a hash of the body (then a body difference already says it) or of inode/mtime/version
//   (then it differs between deployments of the same content), so it adds nothing but noise;
// - connection, keep-alive, transfer-encoding: hop-by-hop framing (chunked vs content-length).
// content-length is not here: it is ignored only when the bodies compare equal (see compare-flows.ts).
// Redacted values (`set-cookie`, …) cannot be compared at all: a difference involving one is ignored.
import { REDACTED } from '@shadowmesh/api';

export const ALWAYS_VOLATILE_HEADERS: ReadonlySet<string> = new Set([
  'date',
  'age',
  'expires',
  'last-modified',
  'etag',
  'x-request-id',
  'x-envoy-upstream-service-time',
  'server',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/** A header whose values are not comparable: always volatile, or redacted on either side. */
export function isUncomparableHeader(
  name: string,
  primary: string | undefined,
  copy: string | undefined,
): boolean {
  return ALWAYS_VOLATILE_HEADERS.has(name) || primary === REDACTED || copy === REDACTED;
}
