// `GET /metrics`: the mesh's metrics with Istio's names and labels (cumulative since the control plane
// started, per label set, both reporters as Istio exposes them), mirror outcomes, and the control
// plane's own metrics. Text format 0.0.4.
import type { MirrorDivergence } from '@shadowmesh/api';
import type { MirrorOutcomeCounts } from '@shadowmesh/telemetry';
import {
  edgeLabels,
  ISTIO_DURATION_BUCKETS_MS,
  ISTIO_SIZE_BUCKETS_BYTES,
  MIRROR_OUTCOMES,
} from '@shadowmesh/telemetry';
import type { Series } from './series-registry.js';

/** Mirror outcomes summed per sending workload and target cluster. */
export interface MirrorTotals {
  sourceWorkload: string;
  sourceNamespace: string;
  target: string;
  outcomes: MirrorOutcomeCounts;
}

export interface ControlPlaneMetric {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels?: Record<string, string>; value: number }[];
}

export interface ExpositionInput {
  series: Iterable<Series>;
  mirror: Iterable<MirrorTotals>;
  controlPlane: readonly ControlPlaneMetric[];
  /** Divergence of compared mirror copies, per mirror edge and route (routes are summed). */
  divergence?: Iterable<MirrorDivergence>;
}

type Pick = (s: Series) => { counts: Float64Array; sum: number };

const HISTOGRAMS: { name: string; help: string; bounds: readonly number[]; pick: Pick }[] = [
  {
    name: 'istio_request_duration_milliseconds',
    help: 'Request duration in milliseconds.',
    bounds: ISTIO_DURATION_BUCKETS_MS,
    pick: (s) => ({ counts: s.totals.durationBuckets, sum: s.totals.durationSum }),
  },
  {
    name: 'istio_request_bytes',
    help: 'Request body sizes in bytes.',
    bounds: ISTIO_SIZE_BUCKETS_BYTES,
    pick: (s) => ({ counts: s.totals.requestBytesBuckets, sum: s.totals.requestBytesSum }),
  },
  {
    name: 'istio_response_bytes',
    help: 'Response body sizes in bytes.',
    bounds: ISTIO_SIZE_BUCKETS_BYTES,
    pick: (s) => ({ counts: s.totals.responseBytesBuckets, sum: s.totals.responseBytesSum }),
  },
];

/** The whole exposition as one string (tests; small meshes). */
export function renderExposition(input: ExpositionInput, families?: ReadonlySet<string>): string {
  return [...exposition(input, families)].join('');
}

/** Lines per chunk: a scrape of a large mesh streams out in pieces instead of one huge string. */
const CHUNK_LINES = 2000;

/**
 * The exposition in chunks (each a run of whole lines). `families`: only these metric names (all when
 * absent), e.g. to read the control plane's own counters without the per-edge series.
 */
export function* exposition(input: ExpositionInput, families?: ReadonlySet<string>): Generator<string> {
  const wanted = (name: string) => families === undefined || families.has(name);
  let out: string[] = [];
  const flush = function* () {
    if (out.length === 0) return;
    yield `${out.join('\n')}\n`;
    out = [];
  };
  const series =
    wanted('istio_requests_total') || HISTOGRAMS.some((h) => wanted(h.name)) ? [...input.series] : [];
  if (wanted('istio_requests_total')) {
    out.push('# HELP istio_requests_total Requests reported by the mesh proxies (both reporters, as Istio).');
    out.push('# TYPE istio_requests_total counter');
    for (const s of series) {
      out.push(`istio_requests_total{${labelsOf(s)}} ${s.totals.requests}`);
      if (out.length >= CHUNK_LINES) yield* flush();
    }
  }
  for (const h of HISTOGRAMS) {
    if (!wanted(h.name)) continue;
    out.push(`# HELP ${h.name} ${h.help}`);
    out.push(`# TYPE ${h.name} histogram`);
    for (const s of series) {
      const labels = labelsOf(s);
      const { counts, sum } = h.pick(s);
      let cumulative = 0;
      for (let i = 0; i < h.bounds.length; i++) {
        cumulative += counts[i] as number;
        out.push(`${h.name}_bucket{${labels},le="${h.bounds[i]}"} ${cumulative}`);
      }
      cumulative += counts[h.bounds.length] as number;
      out.push(`${h.name}_bucket{${labels},le="+Inf"} ${cumulative}`);
      out.push(`${h.name}_sum{${labels}} ${sum}`);
      out.push(`${h.name}_count{${labels}} ${cumulative}`);
      if (out.length >= CHUNK_LINES) yield* flush();
    }
  }
  if (wanted('shadowmesh_mirror_requests_total')) {
    out.push('# HELP shadowmesh_mirror_requests_total Eligible mirror copies by outcome; outcomes add up.');
    out.push('# TYPE shadowmesh_mirror_requests_total counter');
    for (const m of input.mirror) {
      const base = `source_workload="${escapeLabel(m.sourceWorkload)}",source_workload_namespace="${escapeLabel(m.sourceNamespace)}",destination_cluster="${escapeLabel(m.target)}"`;
      for (const outcome of MIRROR_OUTCOMES) {
        out.push(`shadowmesh_mirror_requests_total{${base},outcome="${outcome}"} ${m.outcomes[outcome]}`);
      }
      if (out.length >= CHUNK_LINES) yield* flush();
    }
  }
  if (input.divergence !== undefined) {
    const rows = divergenceRows(input.divergence);
    for (const [name, help, pick] of DIVERGENCE) {
      if (!wanted(name)) continue;
      out.push(`# HELP ${name} ${help}`);
      out.push(`# TYPE ${name} counter`);
      for (const row of rows) out.push(`${name}{${row.labels}} ${pick(row)}`);
      if (out.length >= CHUNK_LINES) yield* flush();
    }
  }
  for (const metric of input.controlPlane) {
    if (!wanted(metric.name)) continue;
    out.push(`# HELP ${metric.name} ${metric.help}`);
    out.push(`# TYPE ${metric.name} ${metric.type}`);
    for (const sample of metric.samples) {
      const labels = Object.entries(sample.labels ?? {})
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      out.push(`${metric.name}${labels ? `{${labels}}` : ''} ${sample.value}`);
    }
  }
  yield* flush();
}

interface DivergenceRow {
  labels: string;
  compared: number;
  divergent: number;
}

const DIVERGENCE: [string, string, (r: DivergenceRow) => number][] = [
  [
    'shadowmesh_divergence_compared_total',
    'Mirror copies whose answer was compared with the primary answer.',
    (r) => r.compared,
  ],
  [
    'shadowmesh_divergence_divergent_total',
    'Compared mirror copies whose answer differed from the primary answer (volatile and ignored fields aside).',
    (r) => r.divergent,
  ],
];

/** Divergence summed per (source workload, primary service, mirror service and subset). */
function divergenceRows(items: Iterable<MirrorDivergence>): DivergenceRow[] {
  const rows = new Map<string, DivergenceRow>();
  for (const d of items) {
    const labels = [
      `source_workload="${escapeLabel(d.source.workload)}"`,
      `source_workload_namespace="${escapeLabel(d.source.namespace)}"`,
      `destination_service="${escapeLabel(d.service)}"`,
      `mirror_service="${escapeLabel(d.target.service)}"`,
      `mirror_subset="${escapeLabel(d.target.subset ?? '')}"`,
    ].join(',');
    const row = rows.get(labels);
    if (row === undefined) rows.set(labels, { labels, compared: d.compared, divergent: d.divergent });
    else {
      row.compared += d.compared;
      row.divergent += d.divergent;
    }
  }
  return [...rows.values()].sort((a, b) => (a.labels < b.labels ? -1 : a.labels > b.labels ? 1 : 0));
}

/** Istio's labels of the series (built once), plus `connection_security_policy` (no mTLS here: "none"). */
function labelsOf(s: Series): string {
  s.labels ??= `${edgeLabels(s.key)},connection_security_policy="none"`;
  return s.labels;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
