// Kiali's CytoscapeReactWrapper pattern: one long-lived cytoscape instance in a `<div>` that React
// renders once and never again (memo that always says "equal"), so React re-renders can never
// touch the canvas. The owner gets the instance through `onReady` and drives it imperatively.
import cytoscape, { type Core } from 'cytoscape';
import { memo, useEffect, useRef } from 'react';
import { graphStylesheet } from './graphStyles';

interface CytoscapeViewProps {
  /** Called with the instance once it exists, and with null before it is destroyed. */
  onReady: (cy: Core | null) => void;
  /** The accessible name of the drawing. */
  label: string;
  /** Id of an element that describes the drawing in words (counts, how to read it). */
  describedBy: string;
}

const ZOOM_STEP = 1.25;
const PAN_STEP = 60;

/** Keys on the focused graph: + and - zoom, 0 fits, arrows pan. True when the key was used. */
function onKey(cy: Core, key: string): boolean {
  const center = { x: cy.width() / 2, y: cy.height() / 2 };
  const zoomBy = (factor: number) => cy.zoom({ level: cy.zoom() * factor, renderedPosition: center });
  switch (key) {
    case '+':
    case '=':
      zoomBy(ZOOM_STEP);
      return true;
    case '-':
      zoomBy(1 / ZOOM_STEP);
      return true;
    case '0':
      cy.fit(undefined, 30);
      return true;
    case 'ArrowLeft':
      cy.panBy({ x: PAN_STEP, y: 0 });
      return true;
    case 'ArrowRight':
      cy.panBy({ x: -PAN_STEP, y: 0 });
      return true;
    case 'ArrowUp':
      cy.panBy({ x: 0, y: PAN_STEP });
      return true;
    case 'ArrowDown':
      cy.panBy({ x: 0, y: -PAN_STEP });
      return true;
    default:
      return false;
  }
}

function CytoscapeViewOnce({ onReady, label, describedBy }: CytoscapeViewProps) {
  const container = useRef<HTMLDivElement>(null);
  // The first onReady is kept: this component never re-renders, so later ones would never arrive.
  const ready = useRef(onReady);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const cy = cytoscape({
      container: element,
      style: graphStylesheet,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      // Big graphs: draw a cached texture while panning/zooming instead of every element.
      textureOnViewport: true,
      motionBlur: false,
    });
    const keyListener = (event: KeyboardEvent) => {
      if (onKey(cy, event.key)) event.preventDefault();
    };
    element.addEventListener('keydown', keyListener);
    // The side panel opening or the window resizing changes the container's size: tell cytoscape.
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(element);
    ready.current(cy);
    return () => {
      resize.disconnect();
      element.removeEventListener('keydown', keyListener);
      ready.current(null);
      cy.destroy();
    };
  }, []);

  return (
    <div
      ref={container}
      className="graph-canvas"
      data-testid="graph-canvas"
      role="img"
      aria-roledescription="service graph"
      aria-label={label}
      aria-describedby={describedBy}
      // Focusable for the keyboard zoom and pan above.
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the drawing takes keys (zoom, pan, fit).
      tabIndex={0}
    />
  );
}

/** Renders once; props after the first render are ignored on purpose (see the file comment). */
export const CytoscapeView = memo(CytoscapeViewOnce, () => true);
