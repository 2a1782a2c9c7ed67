// The zoom and pan that show every node: computed from node centres plus a margin for node size,
// labels and box borders, so nothing has to be measured.

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

export interface FitOptions {
  /** Screen pixels kept free around the drawing. */
  padding: number;
  /** Model units added around the node centres (node size, labels under nodes, box borders). */
  margin: number;
  /** A small graph is not blown up past this (Kiali's "safe fit"). */
  maxZoom: number;
  minZoom: number;
}

export const DEFAULT_FIT: FitOptions = { padding: 20, margin: 70, maxZoom: 1.2, minZoom: 0.05 };

export function fitViewport(
  points: ReadonlyArray<{ x: number; y: number }>,
  screen: { width: number; height: number },
  options: FitOptions = DEFAULT_FIT,
): Viewport | null {
  if (points.length === 0 || screen.width <= 0 || screen.height <= 0) return null;
  let x1 = Number.POSITIVE_INFINITY;
  let y1 = Number.POSITIVE_INFINITY;
  let x2 = Number.NEGATIVE_INFINITY;
  let y2 = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  x1 -= options.margin;
  y1 -= options.margin;
  x2 += options.margin;
  y2 += options.margin;
  const width = Math.max(1, screen.width - 2 * options.padding);
  const height = Math.max(1, screen.height - 2 * options.padding);
  const zoom = Math.min(
    options.maxZoom,
    Math.max(options.minZoom, Math.min(width / (x2 - x1), height / (y2 - y1))),
  );
  return {
    zoom,
    pan: { x: screen.width / 2 - ((x1 + x2) / 2) * zoom, y: screen.height / 2 - ((y1 + y2) / 2) * zoom },
  };
}
