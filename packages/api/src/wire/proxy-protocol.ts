// The WebSocket protocol between a proxy (sidecar or gateway) and the control plane.
// Every message is JSON with a `type`; the first message from a proxy is `hello`.
// Path: `GET /api/v1/proxies/connect` (WebSocket), token in `Authorization: Bearer …`.
import type { Resource } from '../resources/meta.js';
import type { TapSessionSpec } from './flows.js';

export type ProxyKind = 'sidecar' | 'gateway';

/** What a proxy tells the control plane about itself when it connects. */
export interface ProxyIdentity {
  /** Stable for the life of the proxy process: `<workload>.<namespace>-<random>`. */
  id: string;
  kind: ProxyKind;
  workload: string;
  namespace: string;
  labels: Record<string, string>;
  /** host:port the inbound listener is bound to (mesh traffic for this workload arrives there); null for a gateway. */
  inbound: string | null;
  outbound: string | null;
  admin: string | null;
  /** Gateway proxies: the address they listen on. */
  listen?: string | null;
  /**
   * host:port other hosts use to reach the serving listener (a sidecar's inbound, a gateway's listen
   * address). Sent by a proxy given `--advertise`; filled in by the control plane from the connection's
   * remote address (with the listener's port) when the listener is bound to a wildcard (`0.0.0.0`, `::`);
   * absent when the bound address is the one to use (see advertised-address.ts).
   */
  advertise?: string | null;
}

/** A workload instance that can receive traffic: one per registered sidecar with an inbound listener. */
export interface WorkloadEndpoint {
  proxyId: string;
  workload: string;
  namespace: string;
  labels: Record<string, string>;
  /** host:port of the workload's inbound sidecar listener, as other proxies reach it (its advertised address). */
  address: string;
}

/** Everything a proxy needs to route: resources visible to it, mesh settings, and endpoints. */
export interface ProxyConfigSnapshot {
  /** Monotonic per control plane: a proxy ACKs or NACKs this exact string. */
  version: string;
  resources: Resource[];
  endpoints: WorkloadEndpoint[];
}

export type ProxyToControlPlane =
  | { type: 'hello'; protocolVersion: number; proxy: ProxyIdentity; lastConfigVersion?: string }
  | { type: 'ack'; version: string }
  | { type: 'nack'; version: string; error: string }
  | { type: 'telemetry'; payload: unknown }
  /** `payload` is a FlowsPayload (flows.ts), validated by the control plane. */
  | { type: 'flows'; payload: unknown };

export type ControlPlaneToProxy =
  | { type: 'welcome'; proxyId: string; serverVersion: string }
  | { type: 'config'; snapshot: ProxyConfigSnapshot }
  /** The tap sessions now active (replaces any earlier list; empty: none). */
  | { type: 'tap'; sessions: TapSessionSpec[] }
  | { type: 'error'; code: string; message: string };

/** Proxy status as `istioctl proxy-status` shows it. */
export type ProxySyncStatus = 'SYNCED' | 'STALE' | 'NOT SENT' | 'NACKED';

export interface ProxyStatus {
  proxy: ProxyIdentity;
  connected: boolean;
  sentVersion: string | null;
  ackedVersion: string | null;
  status: ProxySyncStatus;
  nackError?: string;
  lastSeen: string;
}
