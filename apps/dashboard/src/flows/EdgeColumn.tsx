import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { metricsQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatMs, formatPercent, formatRps } from '../graph/graphFormat';
import { MetricsChart } from '../graph/MetricsChart';
import { chartData } from '../graph/metricsSeries';
import type { ComparedEdge } from './comparisonEdges';

interface EdgeColumnProps {
  title: string;
  compared: ComparedEdge;
  durationSeconds: number;
}

/** One side of the comparison: an edge's numbers now, and its rate, errors and latency over time. */
export function EdgeColumn({ title, compared, durationSeconds }: EdgeColumnProps) {
  const { edge } = compared;
  const { data, error, isPending } = useQuery(metricsQuery({ kind: 'edge', id: edge.id }, durationSeconds));
  const charts = useMemo(
    () =>
      data
        ? {
            rps: chartData(data, 'rps'),
            errors: chartData(data, 'errors'),
            latency: chartData(data, 'latency'),
          }
        : null,
    [data],
  );
  const t = edge.traffic;
  return (
    <section
      className={`comparison-column ${edge.mirror ? 'mirror' : 'primary'}`}
      aria-label={title}
      data-testid="comparison-column"
      data-mirror={edge.mirror}
      data-edge-id={edge.id}
    >
      <h3>{title}</h3>
      <dl className="facts">
        <div className="fact">
          <dt>Rate</dt>
          <dd data-testid="column-rps">{formatRps(t.rps)} rps</dd>
        </div>
        <div className="fact">
          <dt>Errors</dt>
          <dd>{formatPercent(t.errorRatio)}</dd>
        </div>
        <div className="fact">
          <dt>Latency p50 / p95 / p99</dt>
          <dd>
            {formatMs(t.p50Ms)} / {formatMs(t.p95Ms)} / {formatMs(t.p99Ms)}
          </dd>
        </div>
      </dl>
      {error && <ErrorNotice error={error} compact />}
      {isPending && <p className="muted small">Loading charts…</p>}
      {charts && charts.rps.x.length === 0 && (
        <p className="muted small">No data points in this window yet.</p>
      )}
      {charts && charts.rps.x.length > 0 && (
        <div className="selection-charts">
          <MetricsChart title="Requests per second" data={charts.rps} />
          <MetricsChart title="Errors (%)" data={charts.errors} />
          <MetricsChart title="Latency (ms)" data={charts.latency} />
        </div>
      )}
    </section>
  );
}
