// Authority (Host header) parsing and the Envoy `-shadow` rule. Pure string work, no allocation beyond results.

/** An authority split into a host and an optional port, as the proxy and the route table see it. */
export interface ParsedAuthority {
  /** Host part, lower-cased, without a trailing dot; IPv6 keeps its brackets (`[::1]`). */
  host: string;
  /** The port when the authority carries a valid one (1..65535), else null. */
  port: number | null;
}

/**
 * Index where the port separator starts, or -1. Mirrors Envoy's `HeaderUtility::getPortStart`: the last `:`
 * counts unless it sits inside an IPv6 literal (`[...]`). Digits after it are not checked (as Envoy).
 */
export function portStart(authority: string): number {
  const colon = authority.lastIndexOf(':');
  if (colon === -1) return -1;
  const v6End = authority.lastIndexOf(']');
  if (v6End === -1 || v6End < colon) return colon;
  return -1;
}

/**
 * Splits `host[:port]` (`httpbin:8000`, `[::1]:80`, `example.com.`) into a normalised host and a port.
 * Never throws: a malformed port is reported as `port: null` and left out of the host.
 */
export function parseAuthority(authority: string): ParsedAuthority {
  const at = portStart(authority);
  let host = at === -1 ? authority : authority.slice(0, at);
  let port: number | null = null;
  if (at !== -1) {
    const text = authority.slice(at + 1);
    if (/^[0-9]{1,5}$/.test(text)) {
      const n = Number(text);
      if (n >= 1 && n <= 65535) port = n;
    }
    // A bare IPv6 address without brackets (`::1`) has no port: keep it whole.
    if (host.includes(':') && !host.startsWith('[')) {
      host = authority;
      port = null;
    }
  }
  return { host: normaliseHost(host), port };
}

/** Lower-cases a host name and drops one trailing dot (`Example.COM.` → `example.com`). */
export function normaliseHost(host: string): string {
  const lower = host.toLowerCase();
  return lower.endsWith('.') && lower.length > 1 ? lower.slice(0, -1) : lower;
}

/**
 * The authority a mirrored copy carries: `-shadow` inserted before any port, exactly as Envoy's
 * `shadow_writer_impl.cc` does (`httpbin:8000` → `httpbin-shadow:8000`, `[::1]:80` → `[::1]-shadow:80`,
 * `10.0.0.1:80` → `10.0.0.1-shadow:80`, `example.com` → `example.com-shadow`).
 */
export function shadowAuthority(authority: string): string {
  const at = portStart(authority);
  if (at === -1) return `${authority}-shadow`;
  return `${authority.slice(0, at)}-shadow${authority.slice(at)}`;
}

/** Formats host and port back into an authority, bracketing bare IPv6 literals. */
export function formatAuthority(host: string, port: number | null): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === null ? h : `${h}:${port}`;
}
