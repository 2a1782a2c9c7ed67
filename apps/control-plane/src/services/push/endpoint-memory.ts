// The registry's endpoint memory on the store's `proxy_endpoints` table. Best effort: a data directory
// that cannot be written (full, read-only) only costs the memory for the next start, never a
// connection, so failures are logged and swallowed.
import type { ServiceLogger } from '../service-logger.js';
import type { ProxyEndpointTable } from '../store/proxy-endpoint-table.js';
import type { EndpointMemory } from './proxy-entry.js';

export function storedEndpointMemory(table: ProxyEndpointTable, log: ServiceLogger): EndpointMemory {
  const attempt = (what: string, proxy: string, write: () => void) => {
    try {
      write();
    } catch (error) {
      log.warn({ err: error, proxy }, `${what} failed: the endpoint may be missing after a restart`);
    }
  };
  return {
    restore: () => {
      try {
        return table.all();
      } catch (error) {
        log.warn({ err: error }, 'reading the endpoints kept from the previous run failed');
        return [];
      }
    },
    save: (identity) => attempt('keeping a proxy endpoint', identity.id, () => table.save(identity)),
    forget: (proxyId) => attempt('forgetting a proxy endpoint', proxyId, () => table.remove(proxyId)),
  };
}
