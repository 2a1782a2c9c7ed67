// The token-level rules of HTTP/1.1 response framing (RFC 9112, RFC 9110 §5), as strict as node's llhttp
// where leniency could make two parsers frame the same bytes differently. Used by ResponseReader; every
// violation is an UpstreamProtocolError (flag UPE).
import { UpstreamProtocolError } from './upstream-errors.js';

/** Hex digits of a chunk size past its leading zeros: 13 keep it an exact integer (< 2^52). */
const MAX_CHUNK_SIZE_DIGITS = 13;
/** RFC 9110 §5.6.2 tchar, by character code. */
const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
  TCHAR[c.charCodeAt(0)] = 1;

export function protocolError(message: string): UpstreamProtocolError {
  return new UpstreamProtocolError(`upstream protocol error: ${message}`);
}

export function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Control characters other than HTAB (CR and LF included, outside the CRLF that ends a head line) and
 * DEL: never in a status line, a field, or a chunk line (what node's `checkInvalidHeaderChar` refuses).
 */
export function checkControls(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 32 ? c !== 127 : c === 9) continue;
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i++;
      continue;
    }
    throw protocolError(`control character ${c} in the response framing`);
  }
}

/** The colon of a field line `text[at, end)`: after a non-empty token name, no whitespace before it. */
export function fieldColon(text: string, at: number, end: number): number {
  let i = at;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || TCHAR[c] !== 1) break;
  }
  if (i === at || i === end || text.charCodeAt(i) !== 58) throw protocolError('malformed header line');
  return i;
}

/** `text[from, to)` without leading and trailing SP/HTAB (OWS only: `trim()` would also eat 0xA0). */
export function trimmedValue(text: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && isOws(text.charCodeAt(a))) a++;
  while (b > a && isOws(text.charCodeAt(b - 1))) b--;
  return text.slice(a, b);
}

function isOws(c: number): boolean {
  return c === 32 || c === 9;
}

/** `1*HEXDIG [ ";" chunk-ext ]` (RFC 9112 §7.1); extensions are skipped (no control characters in them). */
export function chunkSize(line: string): number {
  let i = 0;
  let first = -1;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!hex) break;
    if (first < 0 && c !== 48) first = i;
  }
  if (i === 0 || (i < line.length && line.charCodeAt(i) !== 59)) throw protocolError('malformed chunk size');
  if (first < 0) return 0;
  if (i - first > MAX_CHUNK_SIZE_DIGITS) throw protocolError('chunk size too large');
  return Number.parseInt(line.slice(first, i), 16);
}
