// A `/api/v1/metrics` series as uPlot wants it: one x array (seconds) and one array per line,
// null where a bucket had no value (uPlot draws a gap).
import type { MetricsPoint, MetricsResponse } from '@shadowmesh/api';

export type MetricsChartKind = 'rps' | 'latency' | 'errors';

export interface ChartSeries {
  label: string;
  /** CSS colour of the line. */
  stroke: string;
  values: Array<number | null>;
}

export interface ChartData {
  /** Bucket starts, seconds since the epoch (uPlot's time axis unit). */
  x: number[];
  series: ChartSeries[];
}

const PICKS: Record<
  MetricsChartKind,
  Array<{ label: string; stroke: string; pick: (p: MetricsPoint) => number | null }>
> = {
  rps: [{ label: 'req/s', stroke: '#2f6fde', pick: (p) => p.rps }],
  latency: [
    { label: 'p50 ms', stroke: '#3e8635', pick: (p) => p.p50Ms },
    { label: 'p95 ms', stroke: '#f0ab00', pick: (p) => p.p95Ms },
    { label: 'p99 ms', stroke: '#c9190b', pick: (p) => p.p99Ms },
  ],
  errors: [{ label: 'errors %', stroke: '#c9190b', pick: (p) => p.errorRatio * 100 }],
};

export function chartData(metrics: MetricsResponse, kind: MetricsChartKind): ChartData {
  const points = [...metrics.series].sort((a, b) => a.t - b.t);
  return {
    x: points.map((p) => p.t / 1000),
    series: PICKS[kind].map(({ label, stroke, pick }) => ({
      label,
      stroke,
      values: points.map((p) => {
        const value = pick(p);
        return value === null || !Number.isFinite(value) ? null : value;
      }),
    })),
  };
}
