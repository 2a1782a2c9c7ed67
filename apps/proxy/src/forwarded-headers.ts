// Request and response header handling shared by every listener: hop-by-hop removal, x-request-id,
// x-forwarded-for, and the route's header operations. B3 and W3C trace headers pass through untouched.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
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

/** Copies `headers` without hop-by-hop fields (and without those the Connection header names). */
export function endToEndHeaders(headers: IncomingHttpHeaders, keepUpgrade = false): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const connection = headers.connection;
  const named = connection ? connection.toLowerCase().split(',') : null;
  for (const name in headers) {
    if (HOP_BY_HOP.has(name) && !(keepUpgrade && (name === 'upgrade' || name === 'connection'))) continue;
    if (named !== null && !keepUpgrade && named.some((n) => n.trim() === name)) continue;
    out[name] = headers[name];
  }
  return out;
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

/** Applies Istio header operations: remove, then set (overwrite), then add (append). */
export function applyHeaderOps(headers: OutgoingHttpHeaders, ops: HeaderOps): void {
  for (const name of ops.remove) delete headers[name.toLowerCase()];
  for (const name in ops.set) headers[name.toLowerCase()] = ops.set[name];
  for (const name in ops.add) {
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
