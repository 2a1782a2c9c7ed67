import type { IncomingMessage } from 'node:http';

// How httpbin describes a request: header names as Werkzeug spells them, query and form values
// "semi-flattened" (one value → string, several → list), bodies that are not UTF-8 as data: URLs.

/** Headers httpbin hides unless the query has `show_env` (its ENV_HEADERS, lower-cased). */
const ENV_HEADERS: ReadonlySet<string> = new Set([
  'x-varnish',
  'x-request-start',
  'x-heroku-queue-depth',
  'x-real-ip',
  'x-forwarded-proto',
  'x-forwarded-protocol',
  'x-forwarded-ssl',
  'x-heroku-queue-wait-time',
  'x-forwarded-for',
  'x-heroku-dynos-in-use',
  'x-forwarded-port',
  'x-request-id',
  'via',
  'total-route-time',
  'connect-time',
]);

const canonicalNames = new Map<string, string>();
const MAX_CACHED_NAMES = 1024;

/**
 * `x-b3-traceid` → `X-B3-Traceid`, as the WSGI environ round trip does (Python's `str.title()`: a letter
 * is upper-cased after any non-letter, lower-cased after a letter; `_` becomes `-`).
 */
export function canonicalHeaderName(name: string): string {
  const cached = canonicalNames.get(name);
  if (cached !== undefined) return cached;
  let out = '';
  let afterLetter = false;
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const isLetter = lower !== upper;
    out += isLetter ? (afterLetter ? lower : upper) : ch === '_' ? '-' : ch;
    afterLetter = isLetter;
  }
  if (canonicalNames.size < MAX_CACHED_NAMES) canonicalNames.set(name, out);
  return out;
}

export interface EchoHeaderOptions {
  /** Keep httpbin's hidden ENV_HEADERS (`?show_env`). */
  showEnv: boolean;
  /** Keep the Host header. */
  includeHost: boolean;
}

/** The request's headers as httpbin's `headers` field: canonical names, repeats joined with `,`. */
export function echoHeaders(req: IncomingMessage, options: EchoHeaderOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (!options.showEnv && ENV_HEADERS.has(lower)) continue;
    if (!options.includeHost && lower === 'host') continue;
    const key = canonicalHeaderName(name);
    const previous = out[key];
    out[key] = previous === undefined ? raw[i + 1]! : `${previous},${raw[i + 1]!}`;
  }
  return out;
}

/** One value → the string, several → the list (Werkzeug MultiDict, semi-flattened). */
export function semiFlatten(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of pairs) {
    const previous = out[key];
    if (previous === undefined) out[key] = value;
    else if (Array.isArray(previous)) previous.push(value);
    else out[key] = [previous, value];
  }
  return out;
}

/** httpbin's `origin`: the X-Forwarded-For header as received, else the peer address. */
export function origin(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (typeof forwarded === 'string') return forwarded;
  const peer = req.socket.remoteAddress ?? '';
  return peer.startsWith('::ffff:') ? peer.slice(7) : peer;
}

/** httpbin's `url`: scheme (honouring X-Forwarded-Proto) + host + the request target. */
export function requestUrl(req: IncomingMessage, host: string): string {
  const proto = req.headers['x-forwarded-proto'] ?? req.headers['x-forwarded-protocol'];
  const scheme =
    typeof proto === 'string' ? proto : req.headers['x-forwarded-ssl'] === 'on' ? 'https' : 'http';
  return `${scheme}://${host}${req.url ?? '/'}`;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text as is; anything else as a `data:<type>;base64,…` URL (httpbin's `json_safe`). */
export function jsonSafe(bytes: Uint8Array, contentType = 'application/octet-stream'): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return `data:${contentType};base64,${Buffer.from(bytes).toString('base64')}`;
  }
}
