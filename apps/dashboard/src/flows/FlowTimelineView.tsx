import type { FlowExchange } from '@shadowmesh/api';
import { formatMs } from '../graph/graphFormat';
import { statusText } from './flowRowView';
import { flowTimeline } from './flowTimeline';

/** Client → sidecar → primary, and sidecar → shadow, as bars on one time scale. */
export function FlowTimelineView({ exchange }: { exchange: FlowExchange }) {
  const { steps, spanMs } = flowTimeline(exchange);
  return (
    <ol className="flow-timeline" aria-label="Timeline">
      {steps.map((step) => {
        const left = (step.offsetMs / spanMs) * 100;
        const width = Math.max(0.5, (step.durationMs / spanMs) * 100);
        return (
          <li key={step.key} className={`timeline-step ${step.kind}`} data-testid="timeline-step">
            <span className="timeline-label">{step.label}</span>
            <span className="timeline-track" aria-hidden="true">
              <span
                className="timeline-bar"
                style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
              />
            </span>
            <span className="timeline-numbers">
              {step.offsetMs > 0 && <span className="muted small">+{formatMs(step.offsetMs)} </span>}
              {formatMs(step.durationMs)}
              {step.status !== undefined && ` · ${statusText(step.status, step.flags)}`}
              {step.outcome && <span className="muted small"> · {step.outcome}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
