import type { GraphResponse } from '@shadowmesh/api';
import { useMemo } from 'react';
import { edgeRows } from './edgeRows';
import { parseExpression } from './findExpression';
import { graphElements } from './graphElements';
import { filterGraph } from './graphFilter';
import type { GraphView } from './graphView';
import { findSelection } from './selection';

/** Everything drawn from one graph and view: elements, table rows, selection, a summary in words. */
export function useGraphDrawing(graph: GraphResponse | undefined, view: GraphView) {
  const find = useMemo(() => parseExpression(view.find), [view.find]);
  const hide = useMemo(() => parseExpression(view.hide), [view.hide]);
  const filter = useMemo(
    () =>
      graph ? filterGraph(graph, find.ok ? find.expression : null, hide.ok ? hide.expression : null) : null,
    [graph, find, hide],
  );
  const elements = useMemo(
    () => (graph && filter ? graphElements(graph, { edgeLabel: view.edgeLabel, filter }) : null),
    [graph, filter, view.edgeLabel],
  );
  const rows = useMemo(
    () => (graph && filter && view.table ? edgeRows(graph, filter) : []),
    [graph, filter, view.table],
  );
  const selection = useMemo(() => (graph ? findSelection(graph, view.focus) : null), [graph, view.focus]);
  const summary = useMemo(() => {
    if (!graph || !filter) return 'Loading the service graph.';
    const mirrors = graph.edges.filter((e) => e.mirror && !filter.hiddenEdges.has(e.id)).length;
    const nodes = graph.nodes.filter((n) => n.kind !== 'box' && !filter.hiddenNodes.has(n.id)).length;
    const edges = graph.edges.length - filter.hiddenEdges.size;
    const found = filter.found.size > 0 ? ` ${filter.found.size} match the find expression.` : '';
    return `${nodes} nodes and ${edges} edges, ${mirrors} of them mirror edges.${found} The Edges table lists every edge with its numbers.`;
  }, [graph, filter]);
  return { elements, rows, selection, summary, found: filter?.found.size ?? 0 };
}
