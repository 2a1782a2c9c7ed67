// What the browser-facing checks need to know about where a request comes from. Browsers apply no
// CORS to WebSockets, and a DNS-rebound name reaches a loopback server with a foreign Host header:
// both would let any web page read what loopback serves without a token.
import { isLoopbackHost } from '../config.js';

/** The host part of a Host header (`[::1]:20001` ⇒ `::1`), lower-cased; null when absent or malformed. */
export function hostOf(hostHeader: string | undefined): string | null {
  if (hostHeader === undefined || hostHeader === '') return null;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d{1,5})?$/.exec(hostHeader);
  if (bracketed) return (bracketed[1] as string).toLowerCase();
  const plain = /^([^:[\]]+)(?::\d{1,5})?$/.exec(hostHeader);
  return plain ? (plain[1] as string).toLowerCase() : null;
}

/** True when the Host header names this machine's loopback (never a name a DNS record could rebind). */
export function isLoopbackHostHeader(hostHeader: string | undefined): boolean {
  const host = hostOf(hostHeader);
  return host !== null && isLoopbackHost(host);
}

/**
 * True when a browser's `Origin` is this server itself (scheme-less compare of host and port with the
 * Host header). No Origin at all is not a browser (the CLI, proxies): allowed.
 */
export function isSameOrigin(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (hostHeader === undefined) return false;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // Parsed the same way, so default ports and case compare equal.
    return url.host === new URL(`${url.protocol}//${hostHeader}`).host;
  } catch {
    return false;
  }
}
