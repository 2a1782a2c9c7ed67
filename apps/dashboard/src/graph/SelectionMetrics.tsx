import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { metricsQuery } from '../api/queries';
import { ErrorNotice } from '../components/ErrorNotice';
import { MetricsChart } from './MetricsChart';
import { chartData } from './metricsSeries';

interface SelectionMetricsProps {
  kind: 'node' | 'edge';
  id: string;
  durationSeconds: number;
}

/** Rate, errors and latency of the selected node or edge over the window, refreshed while shown. */
export function SelectionMetrics({ kind, id, durationSeconds }: SelectionMetricsProps) {
  const { data, error, isPending } = useQuery(metricsQuery({ kind, id }, durationSeconds));
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
  if (error) return <ErrorNotice error={error} compact />;
  if (isPending || !charts) return <p className="muted small">Loading charts…</p>;
  if (charts.rps.x.length === 0) return <p className="muted small">No data points in this window yet.</p>;
  return (
    <div className="selection-charts" data-testid="selection-charts">
      <MetricsChart title="Requests per second" data={charts.rps} />
      <MetricsChart title="Errors (%)" data={charts.errors} />
      {kind === 'edge' && <MetricsChart title="Latency (ms)" data={charts.latency} />}
    </div>
  );
}
