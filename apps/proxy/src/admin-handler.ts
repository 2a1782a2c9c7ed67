// The admin listener: `/ready`, `/stats/prometheus`, `/config_dump`, `/logs` (JSON lines) and `/memory`.
import type { ProxyIdentity } from '@shadowmesh/api';
import { MirrorCounters, PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '@shadowmesh/telemetry';
import type { AccessLog } from './access-log.js';
import type { FlowCapture } from './flow-capture.js';
import { processMemory } from './process-memory.js';
import type { ProxyRuntime } from './proxy-runtime.js';
import type { RequestHandler } from './routed-handler.js';

export interface ControlPlaneStatus {
  mode: 'control-plane' | 'standalone';
  connected: boolean;
  url: string | null;
  lastAckedVersion: string | null;
  lastNack: { version: string; error: string } | null;
}

export interface AdminContext {
  rt: ProxyRuntime;
  identity: ProxyIdentity;
  accessLog: AccessLog | null;
  /** Flow capture, for its counters and tap sessions (null when flows are not captured). */
  flows: FlowCapture | null;
  controlPlane: () => ControlPlaneStatus;
}

const MAX_LOG_LINES = 10_000;

export function createAdminHandler(ctx: AdminContext): RequestHandler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://admin');
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    switch (url.pathname) {
      case '/ready':
        return ctx.rt.config.table === null
          ? send(503, 'text/plain', 'no config yet\n')
          : send(200, 'text/plain', `ready ${ctx.rt.config.version}\n`);
      case '/stats/prometheus':
        return send(200, PROMETHEUS_CONTENT_TYPE, prometheus(ctx));
      case '/config_dump':
        return send(200, 'application/json', `${JSON.stringify(configDump(ctx), null, 2)}\n`);
      case '/memory':
        return send(200, 'application/json', `${JSON.stringify(processMemory(), null, 2)}\n`);
      case '/logs': {
        if (ctx.accessLog === null) return send(404, 'text/plain', 'this proxy keeps no access log\n');
        const since = Number(url.searchParams.get('since') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 1000);
        if (!Number.isInteger(since) || since < 0)
          return send(400, 'text/plain', 'since: expected an integer ≥ 0\n');
        if (!Number.isInteger(limit) || limit < 1)
          return send(400, 'text/plain', 'limit: expected an integer ≥ 1\n');
        const entries = ctx.accessLog.since(since, Math.min(limit, MAX_LOG_LINES));
        return send(200, 'application/x-ndjson', entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
      }
      default:
        return send(
          404,
          'text/plain',
          'not found: try /ready, /stats/prometheus, /config_dump, /logs, /memory\n',
        );
    }
  };
}

function prometheus(ctx: AdminContext): string {
  const text = renderPrometheus(ctx.rt.telemetry.snapshot());
  const lines = [
    '# HELP shadowmesh_mirror_in_flight Mirror copies currently in flight.',
    '# TYPE shadowmesh_mirror_in_flight gauge',
  ];
  for (const [target, n] of Object.entries(ctx.rt.mirrors.inFlight())) {
    lines.push(`shadowmesh_mirror_in_flight{destination_cluster="${target.replace(/["\\\n]/g, '_')}"} ${n}`);
  }
  const clusters = Object.entries(ctx.rt.admission.stats());
  const label = (name: string) => `destination_cluster="${name.replace(/["\\\n]/g, '_')}"`;
  lines.push(
    '# HELP shadowmesh_upstream_rq_active Requests and copies in flight per cluster (circuit breakers).',
    '# TYPE shadowmesh_upstream_rq_active gauge',
    ...clusters.map(([name, s]) => `shadowmesh_upstream_rq_active{${label(name)}} ${s.active}`),
    '# HELP shadowmesh_upstream_rq_pending Requests waiting for a connection (tcp.maxConnections reached).',
    '# TYPE shadowmesh_upstream_rq_pending gauge',
    ...clusters.map(([name, s]) => `shadowmesh_upstream_rq_pending{${label(name)}} ${s.pending}`),
    '# HELP shadowmesh_upstream_rq_pending_overflow_total Requests answered 503 UO and copies dropped: a full queue or too many in flight.',
    '# TYPE shadowmesh_upstream_rq_pending_overflow_total counter',
    ...clusters.map(
      ([name, s]) => `shadowmesh_upstream_rq_pending_overflow_total{${label(name)}} ${s.overflows}`,
    ),
  );
  const flows = ctx.flows?.buffer;
  lines.push(
    '# HELP shadowmesh_flows_captured_total Flow records queued for the control plane.',
    '# TYPE shadowmesh_flows_captured_total counter',
    `shadowmesh_flows_captured_total ${flows?.capturedTotal ?? 0}`,
    '# HELP shadowmesh_flows_dropped_total Flow records lost: buffer full, or a tap session over its rate.',
    '# TYPE shadowmesh_flows_dropped_total counter',
    `shadowmesh_flows_dropped_total ${flows?.droppedTotal ?? 0}`,
  );
  return `${text}${lines.join('\n')}\n`;
}

function configDump(ctx: AdminContext): unknown {
  const { rt } = ctx;
  const snapshot = rt.telemetry.snapshot();
  const totals = new MirrorCounters();
  totals.merge(snapshot.mirror);
  return {
    proxy: ctx.identity,
    version: rt.config.version,
    lastError: rt.config.lastError,
    controlPlane: ctx.controlPlane(),
    routeTable: rt.config.table?.dump() ?? null,
    circuitBreakers: rt.admission.stats(),
    flows:
      ctx.flows === null
        ? null
        : {
            captured: ctx.flows.buffer.capturedTotal,
            dropped: ctx.flows.buffer.droppedTotal,
            queued: ctx.flows.buffer.length,
            tapSessions: ctx.flows.taps.ids(),
          },
    mirror: {
      totals: totals.totals(),
      byTarget: snapshot.mirror,
      inFlight: rt.mirrors.inFlight(),
      breakers: rt.mirrors.breakerStates(),
    },
  };
}
