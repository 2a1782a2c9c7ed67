// What every listener of one proxy shares: the route table, pools, the deadline wheel, mirrors and
// telemetry. Built once per proxy and passed explicitly (no singletons).
import type { RandomSource } from '@shadowmesh/routing';
import type { TelemetryRecorder } from '@shadowmesh/telemetry';
import type { Logger } from 'pino';
import type { ClusterAdmission } from './cluster-admission.js';
import type { ConfigState } from './config-state.js';
import type { ConnectionPool } from './connection-pool.js';
import type { DeadlineWheel } from './deadline-wheel.js';
import type { CaptureSink } from './exchange-types.js';
import type { LoopGuard } from './loop-guard.js';
import type { MirrorSender } from './mirror-sender.js';
import type { PeerIdentity } from './peer-identity.js';
import type { SourceLabels } from './source-labels.js';

export interface ProxyRuntime {
  config: ConfigState;
  wheel: DeadlineWheel;
  primaryPool: ConnectionPool;
  /** Per-cluster circuit breakers (`connectionPool` limits), shared by primaries and mirror copies. */
  admission: ClusterAdmission;
  mirrors: MirrorSender;
  telemetry: TelemetryRecorder;
  random: RandomSource;
  logger: Logger;
  /** This proxy's workload as a traffic source (outbound and gateway reports). */
  source: SourceLabels;
  /** Sent to the receiving sidecar in `x-shadowmesh-peer` (null: send nothing). */
  peer: Omit<PeerIdentity, 'service'> | null;
  /** Flow capture as the sending code reports to it (null when there is no control plane to send to). */
  flows: CaptureSink | null;
  /** This proxy's own addresses and peer marker: requests that would loop are refused. */
  loop: LoopGuard;
}
