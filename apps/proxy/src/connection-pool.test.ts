// The connection pool over real loopback sockets: it forgets the addresses it no longer uses (clients
// choose passthrough authorities, so it must not keep every one it saw) and gives up on a connect that
// never completes after `tcp.connectTimeout`.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_CONNECTION_LIMITS } from '@shadowmesh/routing';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConnectionOwner, ConnectionPool } from './connection-pool.js';
import { startBlackholeListener, unusedPort } from './testing/unreachable-ports.js';
import { isConnectFailure } from './upstream-errors.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Opens a connection to `address` and resolves once it has failed or closed. */
function attempt(pool: ConnectionPool, address: string): Promise<Error | null> {
  return new Promise((resolve) => {
    let error: Error | null = null;
    const owner: ConnectionOwner = {
      onData: () => undefined,
      onDrain: () => undefined,
      onError: (err) => {
        error = err;
      },
      onClose: () => resolve(error),
    };
    pool.target(address).acquire(owner, Date.now());
  });
}

describe('connection pool', () => {
  const pools: ConnectionPool[] = [];
  afterAll(() => {
    for (const p of pools) p.close();
  });

  it('keeps a bounded map however many distinct authorities it is sent to (100,000)', async () => {
    const pool = new ConnectionPool(256, 4_000, 1_000);
    pools.push(pool);
    // Every address is on loopback and refuses (nothing listens on that port): each connect fails at once.
    const port = await unusedPort();
    const address = (i: number) => `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}:${port}`;
    const total = 100_000;
    const batch = 1_000;
    let refused = 0;
    let largest = 0;
    let heapAt10k = 0;
    for (let start = 0; start < total; start += batch) {
      const results = await Promise.all(
        Array.from({ length: batch }, (_, k) => attempt(pool, address(start + k))),
      );
      refused += results.filter((e) => e !== null && isConnectFailure(e)).length;
      largest = Math.max(largest, pool.size);
      if (start + batch === 10_000) heapAt10k = heapAfterGc();
    }
    const heapAtEnd = heapAfterGc();
    expect(refused).toBe(total);
    // The cap, plus at most the targets whose connects are still in flight (never closed under a user).
    expect(largest).toBeLessThanOrEqual(1_000 + batch);
    expect(pool.size).toBeLessThanOrEqual(1_000);
    // Flat: the last 90,000 authorities left nothing behind (each kept target costs hundreds of bytes).
    expect(heapAtEnd - heapAt10k).toBeLessThan(4 * 1024 * 1024);
  }, 120_000);

  it('fails a connect that never completes after the connect timeout, as a connect failure (UF)', async () => {
    const blackhole = await startBlackholeListener();
    try {
      const pool = new ConnectionPool();
      pools.push(pool);
      const target = pool.target(blackhole.address, { ...DEFAULT_CONNECTION_LIMITS, connectTimeoutMs: 150 });
      const started = Date.now();
      const error = await attempt(pool, blackhole.address);
      expect(target.openCount).toBe(0);
      expect(error?.message).toBe('connect timeout after 150 ms');
      expect(isConnectFailure(error)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await blackhole.close();
    }
  });
});
