// The `proxy_endpoints` table: the identity of every connected sidecar that receives mesh traffic, so a
// control plane started again (after a crash or a restart) knows the endpoints its proxies are routing
// to before they have all reconnected. Written on connect and on a proxy's own disconnect.
import type { ProxyIdentity } from '@shadowmesh/api';
import type Database from 'better-sqlite3';
import { guardWrite } from './store-write-error.js';

export class ProxyEndpointTable {
  readonly #db: Database.Database;
  readonly #dataDir: string;

  constructor(db: Database.Database, dataDir: string) {
    this.#db = db;
    this.#dataDir = dataDir;
  }

  /** Every identity kept, in proxy id order. */
  all(): ProxyIdentity[] {
    const rows = this.#db.prepare('SELECT identity FROM proxy_endpoints ORDER BY proxy_id').all() as Array<{
      identity: string;
    }>;
    return rows.map((r) => JSON.parse(r.identity) as ProxyIdentity);
  }

  /** Throws CP_ERR_STORE_UNWRITABLE when the data directory cannot take it. */
  save(identity: ProxyIdentity): void {
    guardWrite(this.#dataDir, () =>
      this.#db
        .prepare(
          'INSERT OR REPLACE INTO proxy_endpoints (proxy_id, identity, registered_at) VALUES (?, ?, ?)',
        )
        .run(identity.id, JSON.stringify(identity), new Date().toISOString()),
    );
  }

  remove(proxyId: string): void {
    guardWrite(this.#dataDir, () =>
      this.#db.prepare('DELETE FROM proxy_endpoints WHERE proxy_id = ?').run(proxyId),
    );
  }
}
