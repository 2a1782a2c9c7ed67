// Request and response header handling shared by every listener: hop-by-hop removal, x-request-id,
// x-forwarded-for, and the route's header operations. B3 and W3C trace headers pass through untouched.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { isReservedHeader } from '@shadowmesh/api';
import type { HeaderOps } from '@shadowmesh/routing';

/** Headers that describe one connection, never forwarded (RFC 9110 §7.6.1, plus `proxy-connection`). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // Answered by this proxy's own server (it sent 100 Continue already).
  'expect',
]);

/** Identity of the sending workload, for the receiving sidecar's telemetry; stripped before the app. */
export const PEER_HEADER = 'x-shadowmesh-peer';
export const FLAGS_HEADER = 'x-shadowmesh-response-flags';

/**
 * Copies `headers` without hop-by-hop fields, without those the Connection header names, and without
 * `x-shadowmesh-peer` (set per upstream request by the sender, never passed on).
 */
export function endToEndHeaders(headers: IncomingHttpHeaders, keepUpgrade = false): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const named = keepUpgrade ? null : connectionTokens(headers.connection);
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) && !(keepUpgrade && (name === 'upgrade' || name === 'connection'))) continue;
    if (name === PEER_HEADER || named?.includes(name)) continue;
    out[name] = headers[name];
  }
  return out;
}

/**
 * A response's headers (flat `name, value, …` as received) without hop-by-hop fields, as an object with
 * lower-case names (repeated fields become arrays). `content-length` is never copied from `raw`: it is
 * `contentLength`, the value the response reader validated and framed the body by (ResponseReader
 * `contentLength`), or absent — so the head the client gets can never promise more or fewer bytes than
 * the body it gets (issue #17: a content-length beside chunked framing let a body forge a second response).
 */
export function endToEndResponseHeaders(
  raw: readonly string[],
  contentLength: number | null,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  let named: string[] | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    if (HOP_BY_HOP.has(name)) {
      if (name === 'connection') named = connectionTokens(value);
      continue;
    }
    if (name === 'content-length') continue;
    const prior = out[name];
    if (prior === undefined) out[name] = value;
    else if (Array.isArray(prior)) prior.push(value);
    else out[name] = [prior as string, value];
  }
  if (named !== null) for (const name of named) delete out[name];
  // After the Connection-named removals: `Connection: content-length` cannot drop the framing.
  if (contentLength !== null) out['content-length'] = String(contentLength);
  return out;
}

/** The field names a Connection header lists (lower-case, trimmed), or null when it lists none. */
function connectionTokens(value: string | string[] | undefined): string[] | null {
  if (value === undefined) return null;
  const text = (Array.isArray(value) ? value.join(',') : value).toLowerCase();
  if (text === 'keep-alive' || text === 'close') return null;
  const tokens: string[] = [];
  for (const token of text.split(',')) {
    const t = token.trim();
    if (t !== '' && t !== 'keep-alive' && t !== 'close') tokens.push(t);
  }
  return tokens.length > 0 ? tokens : null;
}

/** Returns the request id of `headers`, creating and setting one when absent. */
export function ensureRequestId(headers: OutgoingHttpHeaders): string {
  const existing = headers['x-request-id'];
  if (typeof existing === 'string' && existing !== '') return existing;
  const id = randomUUID();
  headers['x-request-id'] = id;
  return id;
}

/** Appends the client address to x-forwarded-for; sets x-forwarded-proto when absent. */
export function appendForwardedFor(headers: OutgoingHttpHeaders, clientAddress: string | undefined): void {
  const client = clientAddress?.startsWith('::ffff:') ? clientAddress.slice(7) : clientAddress;
  if (client) {
    const prior = headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior
      ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${client}`
      : client;
  }
  if (headers['x-forwarded-proto'] === undefined) headers['x-forwarded-proto'] = 'http';
}

/**
 * Applies Istio header operations: remove, then set (overwrite), then add (append). Framing and hop-by-hop
 * names are skipped: `mergeHeaderOps` already drops them, but ops built any other way must not touch them.
 */
export function applyHeaderOps(headers: OutgoingHttpHeaders, ops: HeaderOps): void {
  for (const name of ops.remove) if (!isReservedHeader(name)) delete headers[name.toLowerCase()];
  for (const name in ops.set) if (!isReservedHeader(name)) headers[name.toLowerCase()] = ops.set[name];
  for (const name in ops.add) {
    if (isReservedHeader(name)) continue;
    const key = name.toLowerCase();
    const value = ops.add[name] as string;
    const prior = headers[key];
    if (prior === undefined) headers[key] = value;
    else if (Array.isArray(prior)) headers[key] = [...prior, value];
    else headers[key] = [String(prior), value];
  }
}

/** True when the header ops would do nothing (the common case: skip the work). */
export function isEmptyOps(ops: HeaderOps): boolean {
  return ops.remove.length === 0 && isEmptyRecord(ops.set) && isEmptyRecord(ops.add);
}

function isEmptyRecord(record: Readonly<Record<string, string>>): boolean {
  for (const _ in record) return false;
  return true;
}
