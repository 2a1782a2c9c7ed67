// Where other hosts reach a proxy. A listener bound to a wildcard (`0.0.0.0`, `::`) accepts on every
// address of its host but names none another host could use, so a proxy may say where it is reached
// (`--advertise`), and otherwise the control plane fills in the address the proxy connected from.
import type { ProxyIdentity } from './proxy-protocol.js';

/** True for an unspecified ("any") address: `0.0.0.0` (and its short forms like `0`), `::`, `[::]`, `::0`. */
export function isUnspecifiedHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1');
  if (/^0+(\.0+){0,3}$/.test(h)) return true;
  return h.includes(':') && /^[0:]+$/.test(h);
}

/** The listener mesh traffic or clients arrive at: a sidecar's inbound, a gateway's listen address. */
export function servingListener(identity: Pick<ProxyIdentity, 'kind' | 'inbound' | 'listen'>): string | null {
  return identity.kind === 'sidecar' ? identity.inbound : (identity.listen ?? null);
}

/** The address other proxies use for this proxy's serving listener: the advertised one when set. */
export function reachableAddress(
  identity: Pick<ProxyIdentity, 'kind' | 'inbound' | 'listen' | 'advertise'>,
): string | null {
  return identity.advertise ?? servingListener(identity);
}
