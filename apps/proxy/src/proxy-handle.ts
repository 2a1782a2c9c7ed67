// What startSidecar/startGateway give back: bound addresses, config waiting, stats for tests, close().
import type { ProxyIdentity } from '@shadowmesh/api';
import type { RandomSource } from '@shadowmesh/routing';
import type { MirrorDelta, MirrorOutcomeCounts, TelemetrySnapshot } from '@shadowmesh/telemetry';
import type { Logger } from 'pino';
import type { AccessLogEntry } from './access-log.js';
import type { CompileRouteTable } from './config-state.js';
import type { FlowBufferLimits } from './flow-buffer.js';
import type { MirrorOptions } from './mirror-sender.js';

export interface ProxyAddresses {
  inbound?: string;
  outbound?: string;
  listen?: string;
  admin?: string;
}

export interface MirrorStats {
  totals: MirrorOutcomeCounts;
  byTarget: MirrorDelta[];
  inFlight: Record<string, number>;
}

export interface FlowStats {
  captured: number;
  dropped: number;
  queued: number;
}

export interface ProxyHandle {
  readonly identity: ProxyIdentity;
  /** `host:port` actually bound by each listener (port 0 resolved). */
  readonly addresses: Readonly<ProxyAddresses>;
  /** The config version in use, null before the first one. */
  configVersion(): string | null;
  /** Resolves with the version once `version` (or, without one, any config) is applied; rejects on timeout. */
  waitForConfig(version?: string, timeoutMs?: number): Promise<string>;
  mirrorStats(): MirrorStats;
  telemetry(): TelemetrySnapshot;
  /** Flow records queued since start, lost (buffer full, tap over rate), and waiting to be sent. */
  flowStats(): FlowStats;
  /** Inbound access log entries with seq > `since` (sidecars; empty for gateways). */
  accessLog(since?: number): AccessLogEntry[];
  /** Stops listening, ends connections and in-flight copies, and disconnects from the control plane. */
  close(): Promise<void>;
}

/** Knobs that are not flags: for tests, benchmarks, and the CLI. */
export interface StartOptions {
  logger?: Logger;
  /** Random source for routing and mirror sampling (seed it in tests). */
  random?: RandomSource;
  /** Route table compiler (default: the routing engine's compileRouteTable). */
  compile?: CompileRouteTable;
  telemetryIntervalMs?: number;
  reconnect?: { baseMs: number; maxMs: number };
  mirror?: Partial<MirrorOptions>;
  accessLogCapacity?: number;
  /** Resolution of the shared deadline timer. */
  tickMs?: number;
  /** Standalone mode: re-read the --config file when it changes. */
  watchConfigFile?: boolean;
  /** Bounds of the flow records waiting to be sent (default 1,000 records, 8 MiB). */
  flowBuffer?: FlowBufferLimits;
}
