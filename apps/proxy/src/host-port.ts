// HOST:PORT values of the flags (`127.0.0.1:15001`, `[::1]:0`, `localhost:8000`).
import { ProxyError } from './errors.js';

export interface HostPort {
  host: string;
  port: number;
}

/** Parses `HOST:PORT` (IPv6 in brackets); throws a DP_ERR_BAD_FLAG error naming `flag`. */
export function parseHostPort(value: string, flag: string): HostPort {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+):(\d{1,5})$/.exec(value.trim());
  const port = match ? Number(match[2]) : Number.NaN;
  if (!match || port > 65535) {
    throw new ProxyError(
      'DP_ERR_BAD_FLAG',
      `${flag}: expected HOST:PORT (e.g. 127.0.0.1:15001), got "${value}"`,
    );
  }
  const host = (match[1] as string).replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}

/** `host:port`, with IPv6 hosts in brackets. */
export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Splits an authority (`httpbin:8000`, `[::1]:80`, `example.com`) into host and port (null when absent). */
export function splitAuthority(authority: string): { host: string; port: number | null } {
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    if (end < 0) return { host: authority, port: null };
    const rest = authority.slice(end + 1);
    const port = rest.startsWith(':') ? Number(rest.slice(1)) : Number.NaN;
    return { host: authority.slice(1, end), port: Number.isInteger(port) && rest.length > 1 ? port : null };
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0) return { host: authority, port: null };
  const port = Number(authority.slice(colon + 1));
  if (!Number.isInteger(port) || colon === authority.length - 1) return { host: authority, port: null };
  return { host: authority.slice(0, colon), port };
}
