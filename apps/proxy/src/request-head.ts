// Serializes an HTTP/1.1 request head for the mirror client: request line and header lines, validated as
// node:http validates them (a token name, no control characters in values, no unescaped characters in the
// path), so a header made invalid by a route's operations can never inject a line.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

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
  checkName(method);
  if (path === '' || INVALID_PATH.test(path)) throw new TypeError('invalid request path');
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || skip.has(name)) continue;
    checkName(name);
    if (typeof value === 'string') head += line(name, value);
    else if (typeof value === 'number') head += `${name}: ${value}\r\n`;
    else for (const v of value) head += line(name, v);
  }
  return `${head}${extra}\r\n`;
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
