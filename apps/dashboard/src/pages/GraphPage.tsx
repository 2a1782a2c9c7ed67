import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { graphQuery } from '../api/queries';
import { useLiveStream } from '../api/useLiveStream';
import { ErrorNotice } from '../components/ErrorNotice';
import { EdgesTable } from '../graph/EdgesTable';
import { GraphCanvas, type GraphCanvasHandle } from '../graph/GraphCanvas';
import { GraphLegend } from '../graph/GraphLegend';
import { GraphToolbar } from '../graph/GraphToolbar';
import { LiveIndicator } from '../graph/LiveIndicator';
import { SelectionPanel } from '../graph/SelectionPanel';
import { useGraphDrawing } from '../graph/useGraphDrawing';
import { useGraphView } from '../graph/useGraphView';
import { useServiceIndex } from '../services/useServiceIndex';
import '../graph/graph.css';

/** `/graph`: the live service graph; every control is in the URL (see graph/graphView.ts). */
export function GraphPage() {
  const [view, update] = useGraphView();
  const queryView = useMemo(
    () => ({ namespaces: view.namespaces, graphType: view.graphType, durationSeconds: view.durationSeconds }),
    [view.namespaces, view.graphType, view.durationSeconds],
  );
  const status = useLiveStream(queryView);
  const {
    data: graph,
    error,
    isPending,
  } = useQuery({ ...graphQuery(queryView), placeholderData: (previous) => previous });
  const { services } = useServiceIndex();
  const drawing = useGraphDrawing(graph, view);
  const canvas = useRef<GraphCanvasHandle>(null);
  const namespaces = useMemo(
    () =>
      [
        ...new Set([...services.map((s) => s.namespace), ...(graph?.nodes.map((n) => n.namespace) ?? [])]),
      ].sort(),
    [services, graph],
  );

  return (
    <section className="page graph-page">
      <div className="graph-heading">
        <h1>Graph</h1>
        <LiveIndicator status={status} />
        {drawing.found > 0 && <span className="muted small">{drawing.found} found</span>}
      </div>
      <GraphToolbar
        view={view}
        onChange={update}
        namespaces={namespaces}
        onFit={() => canvas.current?.fit()}
        onLayout={() => canvas.current?.relayout()}
      />
      {error && <ErrorNotice error={error} />}
      {isPending && !graph && <p className="muted">Loading the graph…</p>}
      {graph && graph.nodes.length === 0 && (
        <p className="empty-state">
          No traffic in the last {view.durationSeconds} s
          {view.namespaces.length > 0 ? ' in these namespaces' : ''}. Start sidecars and send requests through
          them; the graph fills in within a second.
        </p>
      )}
      <div className={drawing.selection ? 'graph-body with-panel' : 'graph-body'}>
        <div className="graph-stage">
          <GraphCanvas
            ref={canvas}
            elements={drawing.elements}
            selected={view.focus}
            onSelect={(focus) => update({ focus })}
            summary={drawing.summary}
          />
        </div>
        {drawing.selection && (
          <SelectionPanel
            selection={drawing.selection}
            durationSeconds={view.durationSeconds}
            onClose={() => update({ focus: '' })}
          />
        )}
      </div>
      <GraphLegend />
      {view.table && (
        <EdgesTable rows={drawing.rows} selected={view.focus} onSelect={(focus) => update({ focus })} />
      )}
    </section>
  );
}
