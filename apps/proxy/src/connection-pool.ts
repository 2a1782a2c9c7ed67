// Keep-alive upstream connections, one pool per endpoint address, for the proxy's HTTP/1.1 clients (primary
// attempts and mirror copies use separate pools). A connection carries one exchange at a time; idle ones
// are reused last-in first-out and closed after an idle period shorter than the usual server keep-alive
// timeouts (or the server's own `Keep-Alive` hint). Socket listeners are installed once per connection,
// not per exchange. Addresses come from clients too (passthrough), so a target with no connection left is
// dropped by the sweep and the map is capped: it never keeps every authority it saw.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import type { ConnectionLimits } from '@shadowmesh/routing';
import { DEFAULT_CONNECTION_LIMITS } from '@shadowmesh/routing';
import { splitAuthority } from './host-port.js';

/** Idle connections are closed after this long (Node's servers close theirs after 5 s by default). */
export const DEFAULT_IDLE_MS = 4_000;
/** Targets kept at most; past it, those with nothing in use are closed first (oldest first). */
export const DEFAULT_MAX_TARGETS = 4_096;
const SWEEP_MS = 1_000;

/** What a connection to one address obeys (from its cluster's DestinationRule `connectionPool`). */
export type PoolSettings = Pick<
  ConnectionLimits,
  'connectTimeoutMs' | 'maxRequestsPerConnection' | 'maxConnectionDurationMs' | 'idleTimeoutMs'
>;

/** A connect that takes longer than `tcp.connectTimeout` fails as a connect failure (flag UF). */
export class ConnectTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(ms: number) {
    super(`connect timeout after ${ms} ms`);
  }
}

/** Where every pooled connection reads (see PooledConnection). */
const READ_BUFFER = Buffer.allocUnsafeSlow(64 * 1024);

/** What a connection reports to the exchange that currently uses it. */
export interface ConnectionOwner {
  /** Bytes read: valid only during the call (the buffer is shared); copy what must outlive it. */
  onData(chunk: Buffer): void;
  onError(err: Error): void;
  onClose(): void;
  /** The socket took everything written so far. */
  onDrain(): void;
}

export class PooledConnection {
  owner: ConnectionOwner | null = null;
  /** The TCP connection was established (errors before that are connect failures). */
  connected = false;
  /** Exchanges this connection carried before the current one. */
  uses = 0;
  idleUntil = 0;
  readonly socket: Socket;
  readonly openedAt = Date.now();

  constructor(
    private readonly target: PoolTarget,
    host: string,
    port: number,
    connectTimeoutMs: number,
  ) {
    // Every connection reads into one shared buffer (no allocation per read): owners handle each chunk
    // synchronously and copy whatever they keep.
    const socket = connect({
      host,
      port,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => {
          const owner = this.owner;
          // Bytes on an idle connection were asked for by nobody: the connection is unusable.
          if (owner === null) socket.destroy();
          else owner.onData((buf as Buffer).subarray(0, n));
          return true;
        },
      },
    });
    this.socket = socket;
    // One timer per new connection (not per request: pooled connections are reused).
    const timer = setTimeout(
      () => socket.destroy(new ConnectTimeoutError(connectTimeoutMs)),
      connectTimeoutMs,
    );
    timer.unref();
    socket.on('connect', () => {
      this.connected = true;
      clearTimeout(timer);
    });
    socket.on('error', (err) => this.owner?.onError(err));
    socket.on('drain', () => this.owner?.onDrain());
    socket.on('close', () => {
      clearTimeout(timer);
      this.target.forget(this);
      const owner = this.owner;
      this.owner = null;
      owner?.onClose();
    });
  }

  /** Ends the connection without telling its owner (the owner is the one ending it). */
  destroy(): void {
    this.owner = null;
    this.socket.destroy();
  }
}

export class PoolTarget {
  private readonly idle: PooledConnection[] = [];
  private readonly all = new Set<PooledConnection>();
  /** The latest settings its cluster gave (an address normally belongs to one cluster). */
  settings: PoolSettings = DEFAULT_CONNECTION_LIMITS;

  constructor(
    private readonly pool: ConnectionPool,
    readonly host: string,
    readonly port: number,
  ) {}

  /** The most recently used idle connection still open, else a new one. */
  acquire(owner: ConnectionOwner, nowMs: number): PooledConnection {
    const idle = this.idle;
    while (idle.length > 0) {
      const conn = idle.pop() as PooledConnection;
      if (conn.idleUntil > nowMs && !conn.socket.destroyed) {
        conn.owner = owner;
        conn.uses++;
        return conn;
      }
      conn.destroy();
    }
    return this.open(owner);
  }

  /** A new connection, whatever is idle (a retry after a stale pooled one). */
  open(owner: ConnectionOwner): PooledConnection {
    const conn = new PooledConnection(this, this.host, this.port, this.settings.connectTimeoutMs);
    conn.owner = owner;
    this.all.add(conn);
    return conn;
  }

  /** Returns a connection whose exchange completed cleanly; `keepAliveMs` is the server's hint. */
  release(conn: PooledConnection, nowMs: number, keepAliveMs: number | null): void {
    conn.owner = null;
    const { maxRequestsPerConnection, maxConnectionDurationMs, idleTimeoutMs } = this.settings;
    if (
      conn.socket.destroyed ||
      this.idle.length >= this.pool.maxIdle ||
      // `uses` counts the exchanges before the one just completed.
      (maxRequestsPerConnection > 0 && conn.uses + 1 >= maxRequestsPerConnection) ||
      (maxConnectionDurationMs > 0 && nowMs - conn.openedAt >= maxConnectionDurationMs)
    ) {
      conn.destroy();
      return;
    }
    let idleMs =
      keepAliveMs === null ? this.pool.idleMs : Math.min(this.pool.idleMs, Math.max(0, keepAliveMs - 1_000));
    if (idleTimeoutMs > 0) idleMs = Math.min(idleMs, idleTimeoutMs);
    if (idleMs <= 0) {
      conn.destroy();
      return;
    }
    // An owner that held the response back may hand the connection over paused.
    if (conn.socket.isPaused()) conn.socket.resume();
    conn.idleUntil = nowMs + idleMs;
    this.idle.push(conn);
    this.pool.watchIdle();
  }

  forget(conn: PooledConnection): void {
    if (!this.all.delete(conn)) return;
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }

  get idleCount(): number {
    return this.idle.length;
  }

  get openCount(): number {
    return this.all.size;
  }

  /** Connections carrying an exchange now. */
  get busyCount(): number {
    return this.all.size - this.idle.length;
  }

  /** Closes idle connections past their time (the oldest are at the bottom of the stack). */
  sweep(nowMs: number): void {
    while (this.idle.length > 0 && (this.idle[0] as PooledConnection).idleUntil <= nowMs)
      (this.idle.shift() as PooledConnection).destroy();
  }

  close(): void {
    this.idle.length = 0;
    for (const conn of this.all) {
      const owner = conn.owner;
      conn.owner = null;
      conn.socket.destroy();
      owner?.onClose();
    }
    this.all.clear();
  }
}

export class ConnectionPool {
  private readonly targets = new Map<string, PoolTarget>();
  private sweeper: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly maxIdle = 256,
    readonly idleMs = DEFAULT_IDLE_MS,
    readonly maxTargets = DEFAULT_MAX_TARGETS,
  ) {}

  /** The pool for `address` (`host:port`, port 80 when absent), obeying `settings` from now on. */
  target(address: string, settings?: PoolSettings): PoolTarget {
    let target = this.targets.get(address);
    if (target === undefined) {
      if (this.targets.size >= this.maxTargets) this.shrink();
      const { host, port } = splitAuthority(address);
      target = new PoolTarget(this, host, port ?? 80);
      this.targets.set(address, target);
      this.watch();
    }
    if (settings !== undefined) target.settings = settings;
    return target;
  }

  /** Targets kept now (those with connections, and those emptied since the last sweep). */
  get size(): number {
    return this.targets.size;
  }

  /** Starts the sweep (once a second, while any target is kept). */
  watchIdle(): void {
    this.watch();
  }

  close(): void {
    this.stopSweep();
    for (const target of this.targets.values()) target.close();
    this.targets.clear();
  }

  private watch(): void {
    if (this.sweeper !== null) return;
    this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Closes idle connections past their time and drops targets left with none (no one holds them then). */
  private sweep(now: number): void {
    for (const [address, target] of this.targets) {
      target.sweep(now);
      if (target.openCount === 0) this.targets.delete(address);
    }
    if (this.targets.size === 0) this.stopSweep();
  }

  /** At the cap: drop empty targets, then close the oldest that have nothing in use, down to 90 %. */
  private shrink(): void {
    const goal = Math.floor(this.maxTargets * 0.9);
    for (const [address, target] of this.targets) {
      if (target.openCount === 0) this.targets.delete(address);
    }
    for (const [address, target] of this.targets) {
      if (this.targets.size <= goal) break;
      if (target.busyCount > 0) continue;
      this.targets.delete(address);
      target.close();
    }
  }

  private stopSweep(): void {
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
  }
}
