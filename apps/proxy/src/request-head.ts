// Serializes an HTTP/1.1 request head for the mirror client: request line and header lines, validated as
// node:http validates them (a token name, no control characters in values, no unescaped characters in the
// path), so a header made invalid by a route's operations can never inject a line.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import type { ExchangePlan, SharedRequestHead } from './exchange-types.js';
import { PEER_HEADER } from './forwarded-headers.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Node's checkInvalidHeaderChar: only HTAB, visible ASCII, SP and obs-text. */
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Node's INVALID_PATH_REGEX. */
const INVALID_PATH = /[^\u0021-\u00ff]/;

/** Methods that node:http's client sends without a body by default (the others get `content-length: 0`). */
const BODYLESS_BY_DEFAULT: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
]);
const CHUNKED_LINE = 'transfer-encoding: chunked\r\n';
const EMPTY_BODY_LINE = 'content-length: 0\r\n';

/** Header names already checked (a few dozen per proxy); bounded so odd traffic cannot grow it. */
const validNames = new Set<string>();

function checkName(name: string): void {
  if (validNames.has(name)) return;
  if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
  if (validNames.size < 1024) validNames.add(name);
}

function line(name: string, value: string): string {
  if (INVALID_VALUE.test(value)) throw new TypeError(`invalid character in header ${name}`);
  return `${name}: ${value}\r\n`;
}

/**
 * `METHOD path HTTP/1.1`, then `headers` except the names in `skip` (already lower-case), then `extra`
 * (pre-validated lines, each ending in CRLF), then the blank line. Throws a TypeError on invalid input.
 * Write the result with the `latin1` encoding (header values are latin1-decoded by node:http).
 */
export function serializeRequestHead(
  method: string,
  path: string,
  headers: OutgoingHttpHeaders,
  skip: ReadonlySet<string>,
  extra: string,
): string {
  return `${requestLine(method, path)}${headerLines(headers, skip)}${extra}\r\n`;
}

/** `METHOD path HTTP/1.1` and its CRLF, validated. */
export function requestLine(method: string, path: string): string {
  checkName(method);
  if (path === '' || INVALID_PATH.test(path)) throw new TypeError('invalid request path');
  return `${method} ${path} HTTP/1.1\r\n`;
}

/** The header lines of `headers` except the names in `skip` (already lower-case), validated. */
export function headerLines(headers: OutgoingHttpHeaders, skip: ReadonlySet<string>): string {
  let lines = '';
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || skip.has(name)) continue;
    lines += fieldLines(name, value);
  }
  return lines;
}

/** The line (or lines, for a repeated field) of one header, validated. */
export function fieldLines(name: string, value: string | number | readonly string[]): string {
  checkName(name);
  if (typeof value === 'string') return line(name, value);
  if (typeof value === 'number') return `${name}: ${value}\r\n`;
  let lines = '';
  for (const v of value) lines += line(name, v);
  return lines;
}

/** Set by each upstream request itself or taken from the client's framing: never in the shared lines. */
const PER_REQUEST: ReadonlySet<string> = new Set([
  'host',
  SHADOW_HEADER,
  PEER_HEADER,
  'transfer-encoding',
  'content-length',
]);

/**
 * The request line and header lines the exchange's attempts and copies share, serialized on first use
 * and kept on the plan (its headers no longer change once the first upstream request is built). Throws a
 * TypeError on invalid input (and keeps nothing: each caller then fails the same way).
 */
export function sharedRequestHead(plan: ExchangePlan): SharedRequestHead {
  let shared = plan.sharedHead;
  if (shared === null) {
    shared = { line: requestLine(plan.method, plan.path), fields: headerLines(plan.headers, PER_REQUEST) };
    plan.sharedHead = shared;
  }
  return shared;
}

/** One header line for `extra`, validated. */
export function headerLine(name: string, value: string): string {
  checkName(name);
  return line(name, value);
}

/**
 * The framing line of a forwarded request, taken from the CLIENT's request only (its headers as node:http
 * parsed and checked them), never from the header map after the route's operations — else an operation
 * removing or setting `content-length` would let bytes of the body be read as a second request:
 * `transfer-encoding: chunked` when the client's body was chunked (it is re-chunked as it streams), else
 * the client's `content-length`, else `content-length: 0` for a method that usually has a body (as
 * node:http's client does), else none. Callers never serialize either header from the header map.
 */
export function bodyFraming(method: string, client: IncomingHttpHeaders): string {
  if (client['transfer-encoding'] !== undefined) return CHUNKED_LINE;
  const length = client['content-length'];
  if (length !== undefined) return headerLine('content-length', length);
  return BODYLESS_BY_DEFAULT.has(method) ? '' : EMPTY_BODY_LINE;
}
