import { formatMs, formatPercent, formatRps } from '../graph/graphFormat';
import { SelectionMetrics } from '../graph/SelectionMetrics';
import type { ComparedEdge } from './comparisonEdges';

interface EdgeColumnProps {
  title: string;
  compared: ComparedEdge;
  durationSeconds: number;
}

/** One side of the comparison: an edge's numbers now, and its rate, errors and latency over time. */
export function EdgeColumn({ title, compared, durationSeconds }: EdgeColumnProps) {
  const { edge } = compared;
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
      <SelectionMetrics kind="edge" id={edge.id} durationSeconds={durationSeconds} />
    </section>
  );
}
