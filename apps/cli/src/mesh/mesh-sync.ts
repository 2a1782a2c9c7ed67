// Waits until the control plane says every proxy of ours runs the newest config (istioctl proxy-status
// SYNCED), so traffic sent afterwards is routed by it.
import type { ProxyStatus } from '@shadowmesh/api';
import type { ControlPlaneApi } from '../client/control-plane-api.js';
import { waitUntil } from './wait-until.js';

/** The newest config version sent to any proxy, or null when none was sent yet. */
export async function newestSentVersion(api: ControlPlaneApi): Promise<bigint | null> {
  return newest(await api.proxyStatus());
}

/**
 * Resolves with the version once every proxy in `proxyIds` is connected and SYNCED, all on one version that is
 * the newest sent and, when `after` is given, newer than it (a change applied after `after` reached them all).
 */
export function waitForSync(
  api: ControlPlaneApi,
  proxyIds: readonly string[],
  options: { after?: bigint | null; timeoutMs: number },
): Promise<bigint> {
  return waitUntil(
    async (note) => {
      const statuses = await api.proxyStatus();
      const target = newest(statuses);
      const ours = new Map(statuses.map((s) => [s.proxy.id, s]));
      const behind: string[] = [];
      for (const id of proxyIds) {
        const s = ours.get(id);
        if (!s?.connected) behind.push(`${id} not connected`);
        else if (s.status === 'NACKED')
          throw new Error(`${id} refused config ${s.sentVersion}: ${s.nackError ?? ''}`);
        else if (s.status !== 'SYNCED' || version(s.ackedVersion) !== target) {
          behind.push(`${id} ${s.status} ${s.ackedVersion ?? '-'}`);
        }
      }
      const fresh = target !== null && (options.after == null || target > options.after);
      note(
        behind.length > 0 ? behind.join(', ') : `version ${target} (waiting for one after ${options.after})`,
      );
      return behind.length === 0 && fresh ? (target as bigint) : undefined;
    },
    { what: 'every proxy to be SYNCED on the newest config', timeoutMs: options.timeoutMs, intervalMs: 25 },
  );
}

function newest(statuses: readonly ProxyStatus[]): bigint | null {
  let max: bigint | null = null;
  for (const s of statuses) {
    const v = version(s.sentVersion);
    if (v !== null && (max === null || v > max)) max = v;
  }
  return max;
}

function version(text: string | null): bigint | null {
  return text !== null && /^\d+$/.test(text) ? BigInt(text) : null;
}
