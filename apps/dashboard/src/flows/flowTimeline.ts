// The timeline of an exchange: the client's request into its sidecar, the primary hop to its
// destination, and each shadow copy to its target, placed by start time and drawn to scale.
import type { FlowExchange, FlowPeer, FlowRecord } from '@shadowmesh/api';

export interface TimelineStep {
  key: string;
  kind: 'client' | 'primary' | 'mirror' | 'baseline';
  /** `client → sidecar`, `sidecar → httpbin v1`… */
  label: string;
  /** Start, ms after the exchange's first start. */
  offsetMs: number;
  durationMs: number;
  /** 0 when no answer came back; absent for the client step (it gets the primary's). */
  status?: number;
  flags?: string;
  /** Mirror copies: what became of the copy (`mirrored-ok`, `timed-out`…). */
  outcome?: string;
}

export interface Timeline {
  steps: TimelineStep[];
  /** From the first start to the last end, ms (at least 1, to draw against). */
  spanMs: number;
}

/** `httpbin v2` (app and version), else the workload, else the service host's first label. */
export function destinationName(record: FlowRecord): string {
  const d = record.destination;
  if (d.app) return d.version ? `${d.app} ${d.version}` : d.app;
  if (d.workload) return d.workload;
  const host = d.service.split('.')[0] ?? d.service;
  return d.subset ? `${host} ${d.subset}` : host;
}

export function peerName(peer: FlowPeer): string {
  return peer.workload || (peer.app ? `${peer.app}${peer.version ? ` ${peer.version}` : ''}` : 'unknown');
}

export function flowTimeline(exchange: FlowExchange): Timeline {
  const records = [exchange.primary, ...exchange.copies].filter((r): r is FlowRecord => r !== null);
  const start = Math.min(...records.map((r) => r.startTime), exchange.startTime);
  const steps: TimelineStep[] = [];
  const primary = exchange.primary;
  if (primary) {
    const sidecar = `${peerName(primary.source)} sidecar`;
    const offsetMs = primary.startTime - start;
    steps.push({
      key: 'client',
      kind: 'client',
      label: `${peerName(primary.source)} → ${sidecar}`,
      offsetMs,
      durationMs: primary.durationMs,
    });
    steps.push({
      key: primary.id,
      kind: 'primary',
      label: `${sidecar} → ${destinationName(primary)} (primary)`,
      offsetMs,
      durationMs: primary.durationMs,
      status: primary.status,
      flags: primary.flags,
    });
  }
  for (const copy of exchange.copies) {
    const step: TimelineStep = {
      key: copy.id,
      kind: copy.type === 'baseline' ? 'baseline' : 'mirror',
      label: `${peerName(copy.source)} sidecar → ${destinationName(copy)} (${copy.type === 'baseline' ? 'baseline' : 'shadow'})`,
      offsetMs: copy.startTime - start,
      durationMs: copy.durationMs,
      status: copy.status,
      flags: copy.flags,
    };
    if (copy.outcome) step.outcome = copy.outcome;
    steps.push(step);
  }
  const spanMs = Math.max(1, ...steps.map((s) => s.offsetMs + s.durationMs));
  return { steps, spanMs };
}
