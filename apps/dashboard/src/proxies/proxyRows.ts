// Proxy status rows for the Proxies page: sorted, and explained like `istioctl proxy-status`.
import type { ProxyStatus, ProxySyncStatus } from '@shadowmesh/api';

/** What each sync status means (tooltips and the legend). */
export const SYNC_STATUS_HELP: Readonly<Record<ProxySyncStatus, string>> = {
  SYNCED: 'The proxy acknowledged the newest config sent to it.',
  STALE: 'Newer config was sent; the proxy has not acknowledged it yet.',
  'NOT SENT': 'No config has been sent to this proxy yet.',
  NACKED: 'The proxy rejected the newest config and keeps routing with its last good one.',
};

const ORDER: Record<ProxySyncStatus, number> = { NACKED: 0, STALE: 1, 'NOT SENT': 2, SYNCED: 3 };

/** Problems first (NACKED, STALE, NOT SENT), then by namespace, workload and id; disconnected last. */
export function sortProxies(statuses: readonly ProxyStatus[]): ProxyStatus[] {
  return [...statuses].sort(
    (a, b) =>
      Number(b.connected) - Number(a.connected) ||
      ORDER[a.status] - ORDER[b.status] ||
      a.proxy.namespace.localeCompare(b.proxy.namespace) ||
      a.proxy.workload.localeCompare(b.proxy.workload) ||
      a.proxy.id.localeCompare(b.proxy.id),
  );
}

/** `version=v1, app=httpbin`. */
export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
