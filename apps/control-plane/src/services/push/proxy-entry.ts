// What the registry keeps per proxy, and the shapes it is built with (proxy-registry.ts).
import type { ProxyIdentity } from '@shadowmesh/api';

/** The part of a WebSocket the registry uses. */
export interface ProxyConnection {
  /** Sends one text message (a Buffer holds UTF-8 text encoded once for many proxies). */
  send(text: string | Buffer): void;
  close(code: number, reason: string): void;
  /** Sends a WebSocket ping; the session calls `ProxyRegistry.touch` on the pong. */
  ping(): void;
  /** Drops the connection without a closing handshake (dead peer). */
  terminate(): void;
}

export interface ProxyEntry {
  identity: ProxyIdentity;
  connection: ProxyConnection | null;
  sentVersion: string | null;
  ackedVersion: string | null;
  lastResponse: 'ack' | 'nack' | null;
  nackError: string | null;
  lastSeen: number;
  disconnectedAt: number | null;
  /** Cleared by each heartbeat, set by any message or pong; still clear at the next beat ⇒ dead. */
  alive: boolean;
  /** Restored from the previous run: its endpoint is published until then (ms), or null. */
  restoredUntil: number | null;
}

/** Where the registry keeps endpoint identities across restarts. Implementations never throw. */
export interface EndpointMemory {
  /** The identities kept by the previous run. */
  restore(): ProxyIdentity[];
  save(identity: ProxyIdentity): void;
  forget(proxyId: string): void;
}

export interface RegistryOptions {
  now?: () => number;
  memory?: EndpointMemory | null;
  /** How long endpoints restored after a restart are published without their proxy back. Default 30 s. */
  restoreGraceMs?: number;
  /**
   * A disconnected proxy's endpoint leaves the memory this long after, unless it reconnects or the
   * registry is closed first: a shutdown closes every connection just before it closes the registry,
   * and those endpoints must stay for the next start. Default 1 s.
   */
  forgetDelayMs?: number;
}

export interface RegistryCounters {
  /** Messages refused because they were not valid protocol messages. */
  malformedMessages: number;
  /** Connections closed because of a protocol mismatch or a missing hello. */
  refusedConnections: number;
}

/** A sidecar that receives mesh traffic publishes an endpoint. */
export function hasEndpoint(identity: ProxyIdentity | undefined): boolean {
  return identity?.kind === 'sidecar' && Boolean(identity.inbound);
}

/** Where an instance listens: no two live processes hold the same one. */
export function instanceAddress(identity: ProxyIdentity): string | null {
  return identity.inbound ?? identity.listen ?? identity.outbound ?? identity.admin ?? null;
}
