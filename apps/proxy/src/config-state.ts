// The proxy's current route table: compiled from each config snapshot, replaced only by a good one.
// Listeners read `table` per request; nothing else is touched on the hot path.
import type { ProxyConfigSnapshot } from '@shadowmesh/api';
import type { RouteTable, RouteTableInput } from '@shadowmesh/routing';
import { ProxyError } from './errors.js';

export type CompileRouteTable = (input: RouteTableInput, previous?: RouteTable) => RouteTable;

export type ApplyResult = { ok: true; changed: boolean } | { ok: false; error: string };

interface Waiter {
  version: string | null;
  resolve: (version: string) => void;
  reject: (err: Error) => void;
}

export class ConfigState {
  table: RouteTable | null = null;
  /** The last snapshot compiled into `table`. */
  snapshot: ProxyConfigSnapshot | null = null;
  lastError: { version: string; error: string } | null = null;
  private waiters: Waiter[] = [];

  constructor(
    private readonly proxy: RouteTableInput['proxy'],
    private readonly compile: CompileRouteTable,
  ) {}

  get version(): string | null {
    return this.table?.version ?? null;
  }

  /** Compiles `snapshot`; on success it becomes the table, on failure the previous table stays. */
  apply(snapshot: ProxyConfigSnapshot): ApplyResult {
    if (this.table !== null && this.snapshot?.version === snapshot.version)
      return { ok: true, changed: false };
    let table: RouteTable;
    try {
      const input: RouteTableInput = {
        resources: snapshot.resources,
        endpoints: snapshot.endpoints,
        proxy: this.proxy,
        version: snapshot.version,
      };
      table = this.table === null ? this.compile(input) : this.compile(input, this.table);
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      this.lastError = { version: snapshot.version, error };
      return { ok: false, error };
    }
    this.table = table;
    this.snapshot = snapshot;
    this.lastError = null;
    const ready = this.waiters.filter((w) => w.version === null || w.version === snapshot.version);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(snapshot.version);
    return { ok: true, changed: true };
  }

  /** Resolves once `version` (or, without one, any config) has been applied. */
  waitFor(version: string | null, timeoutMs: number): Promise<string> {
    const current = this.version;
    if (current !== null && (version === null || this.snapshot?.version === version))
      return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        version,
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const what = version === null ? 'a config' : `config version ${version}`;
        const last = this.lastError
          ? ` (last error, version ${this.lastError.version}: ${this.lastError.error})`
          : '';
        reject(
          new ProxyError('DP_ERR_CONFIG_TIMEOUT', `${what} was not applied within ${timeoutMs} ms${last}`),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  close(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w.reject(new ProxyError('DP_ERR_CLOSED', 'the proxy was closed'));
  }
}
