// Envoy (and Shadowmesh's proxy) send a mirror copy with `Host: <host>-shadow[:port]`. A workload that
// echoes its Host (httpbin's /headers, /anything) therefore answers differently only by that suffix:
// this rewrites `<host>-shadow` back to `<host>` in the copy's strings so such differences vanish.

const SUFFIX = '-shadow';

/**
 * A function that replaces `<host>-shadow` by `<host>` (case-insensitive, with or without a port
 * after it), built from the copy's authority; null when the authority carries no `-shadow` suffix.
 */
export function shadowHostRewriter(copyAuthority: string): ((text: string) => string) | null {
  const host = hostOf(copyAuthority);
  if (host.length <= SUFFIX.length || !host.toLowerCase().endsWith(SUFFIX)) return null;
  const original = host.slice(0, -SUFFIX.length);
  // Not followed by a host character, so `httpbin-shadowed` or `httpbin-shadow.example` stay as they are.
  const pattern = new RegExp(`${escapeRegExp(host)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'gi');
  const lower = host.toLowerCase();
  return (text) => (text.toLowerCase().includes(lower) ? text.replace(pattern, original) : text);
}

/** The host part of an authority: without userinfo and port; IPv6 literals keep their brackets. */
function hostOf(authority: string): string {
  const at = authority.lastIndexOf('@');
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    return end === -1 ? hostPort : hostPort.slice(0, end + 1);
  }
  const colon = hostPort.indexOf(':');
  return colon === -1 ? hostPort : hostPort.slice(0, colon);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
