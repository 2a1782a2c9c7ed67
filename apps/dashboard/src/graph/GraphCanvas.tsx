// Drives the one cytoscape instance: every new element set goes through syncGraph in one batch,
// the selection follows the URL's `focus`, taps select, and Fit/Layout are exposed to the toolbar.
// The container records what is drawn in data attributes (data-nodes, data-edges, data-drawn)
// for tests and benchmarks, since a canvas has no DOM to query.
import type { Core, EventObject } from 'cytoscape';
import { type Ref, useCallback, useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { CytoscapeView } from './CytoscapeView';
import { fitViewport } from './fitViewport';
import type { GraphElements } from './graphElements';
import { detailAt, LEAST_DETAIL, type ViewDetail } from './graphStyles';
import { type SyncResult, syncGraph } from './graphSync';

export interface GraphCanvasHandle {
  fit(): void;
  relayout(): void;
}

interface GraphCanvasProps {
  elements: GraphElements | null;
  /** The selected element id ('' for none). */
  selected: string;
  onSelect(id: string): void;
  /** Words describing the drawing, read with it by screen readers. */
  summary: string;
  /** Called after each update with what changed (the benchmark reads it). */
  onSynced?: (result: SyncResult) => void;
  ref?: Ref<GraphCanvasHandle>;
}

/** Above this many elements a first drawing waits for the fit before drawing in detail. */
const BIG_GRAPH_ELEMENTS = 600;

/** True when `to` shows something `from` did not (then drawn elements need their details). */
function moreDetail(from: ViewDetail, to: ViewDetail): boolean {
  return (
    (to.nodeLabels && !from.nodeLabels) ||
    (to.edgeLabels && !from.edgeLabels) ||
    (!to.simpleEdges && from.simpleEdges)
  );
}

/**
 * Fits the view to the nodes' positions, without asking cytoscape for the drawing's bounding box:
 * that measures every label and edge path at once (over a second for 1,000 nodes), work the first
 * frame does anyway, for what is on screen. A small graph is not blown up past MAX_ZOOM.
 */
function fitAll(cy: Core): void {
  const viewport = { width: cy.width(), height: cy.height() };
  const points: Array<{ x: number; y: number }> = [];
  cy.nodes().forEach((node) => {
    if (!node.isParent()) points.push(node.position());
  });
  const view = fitViewport(points, viewport);
  if (view) cy.viewport(view);
}

export function GraphCanvas({ elements, selected, onSelect, summary, onSynced, ref }: GraphCanvasProps) {
  const [cy, setCy] = useState<Core | null>(null);
  const summaryId = useId();
  const latest = useRef({ onSelect, onSynced, selected, elements });
  useEffect(() => {
    latest.current = { onSelect, onSynced, selected, elements };
  });
  const onReady = useCallback((core: Core | null) => setCy(core), []);

  useEffect(() => {
    if (!cy) return;
    const onTap = (event: EventObject) => {
      const target = event.target as Core | { id(): string };
      latest.current.onSelect(target === cy ? '' : (target as { id(): string }).id());
    };
    cy.on('tap', onTap);
    // What cannot be seen is not drawn in detail (labels, edge curves and arrows); zooming to where
    // it shows brings it up to date at once.
    let shown = detailAt(cy.zoom());
    const onZoom = () => {
      const now = detailAt(cy.zoom());
      const elements = latest.current.elements;
      if (elements && moreDetail(shown, now)) syncGraph(cy, elements, { detail: now });
      shown = now;
    };
    cy.on('zoom', onZoom);
    return () => {
      cy.removeListener('tap', onTap);
      cy.removeListener('zoom', onZoom);
    };
  }, [cy]);

  useEffect(() => {
    if (!cy || !elements) return;
    // A big first drawing goes in with the least detail: the fit decides how much can be seen.
    const first = cy.elements().empty();
    const big = elements.nodes.length + elements.edges.length > BIG_GRAPH_ELEMENTS;
    const result = syncGraph(cy, elements, { detail: first && big ? LEAST_DETAIL : detailAt(cy.zoom()) });
    if (result.layout === 'full') {
      cy.batch(() => {
        fitAll(cy);
        const fitted = detailAt(cy.zoom());
        if (first && big && moreDetail(LEAST_DETAIL, fitted)) syncGraph(cy, elements, { detail: fitted });
      });
      const focus = latest.current.selected ? cy.getElementById(latest.current.selected) : null;
      if (focus?.nonempty()) cy.center(focus);
    }
    const container = cy.container();
    if (container) {
      container.dataset.nodes = String(elements.nodes.length);
      container.dataset.edges = String(elements.edges.length);
      container.dataset.drawn = 'true';
    }
    latest.current.onSynced?.(result);
  }, [cy, elements]);

  // After every update too: a selected element may have just been drawn.
  useEffect(() => {
    if (!cy || !elements) return;
    cy.batch(() => {
      cy.elements(':selected').unselect();
      if (selected) cy.getElementById(selected).select();
    });
  }, [cy, selected, elements]);

  useImperativeHandle(
    ref,
    () => ({
      fit: () => {
        if (cy) fitAll(cy);
      },
      relayout: () => {
        if (!cy || !elements) return;
        syncGraph(cy, elements, { relayout: true, detail: detailAt(cy.zoom()) });
        fitAll(cy);
      },
    }),
    [cy, elements],
  );

  return (
    <>
      <CytoscapeView onReady={onReady} label="Service graph" describedBy={summaryId} />
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
    </>
  );
}
