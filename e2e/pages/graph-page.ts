import type { Locator, Page } from '@playwright/test';

/** What an Edges table row says, read from its data attributes (raw numbers, not formatted text). */
export interface EdgeNumbers {
  id: string;
  rps: number;
  share: number;
  requests: number;
  errorRatio: number;
  weight: number | null;
}

export interface EdgeQuery {
  /** Node ids, e.g. `svc:ns:httpbin`, `vapp:ns:httpbin:v1`. */
  source: string;
  target: string;
  mirror?: boolean;
}

/**
 * Page object for `/graph`. The drawing is a canvas (no DOM to query), so the journey reads the graph
 * from its Edges table — the same table users open with "Edges table" — and the canvas container's
 * data attributes (node and edge counts).
 */
export class GraphPage {
  readonly canvas: Locator;
  readonly liveIndicator: Locator;
  readonly edgesTable: Locator;
  readonly edgeRows: Locator;
  readonly selectionPanel: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('graph-canvas');
    this.liveIndicator = page.getByTestId('live-indicator');
    this.edgesTable = page.getByRole('table', { name: 'Edges' });
    this.edgeRows = page.getByTestId('edge-row');
    this.selectionPanel = page.getByTestId('selection-panel');
  }

  /** Opens the graph with the Edges table shown; `query` adds view parameters (`namespaces=…&duration=10s`). */
  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/graph?table=edges${query ? `&${query}` : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'Graph' }).waitFor();
  }

  /** A drop-down of the toolbar. */
  select(name: 'Graph type' | 'Window' | 'Edge labels'): Locator {
    return this.page.getByRole('combobox', { name, exact: true });
  }

  /** The Find or Hide expression field. */
  expression(name: 'Find' | 'Hide'): Locator {
    return this.page.getByRole('searchbox', { name, exact: true });
  }

  button(name: 'Fit' | 'Layout' | 'Edges table'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  edgeRow(query: EdgeQuery): Locator {
    const mirror = query.mirror ?? false;
    return this.page.locator(
      `[data-testid="edge-row"][data-source="${query.source}"][data-target="${query.target}"][data-mirror="${mirror}"]`,
    );
  }

  /** The mirror edges into `target`, whatever they come from (the client, or the routed service). */
  mirrorRowsTo(target: string): Locator {
    return this.page.locator(`[data-testid="edge-row"][data-target="${target}"][data-mirror="true"]`);
  }

  /** The numbers of one edge, or null while it is not in the table. */
  async edgeNumbers(query: EdgeQuery): Promise<EdgeNumbers | null> {
    const row = this.edgeRow(query);
    if ((await row.count()) === 0) return null;
    const read = async (name: string) => (await row.first().getAttribute(`data-${name}`)) ?? '';
    const weight = await read('weight');
    return {
      id: await read('edge-id'),
      rps: Number(await read('rps')),
      share: Number(await read('share')),
      requests: Number(await read('requests')),
      errorRatio: Number(await read('error-ratio')),
      weight: weight === '' ? null : Number(weight),
    };
  }

  /** How many nodes and edges the canvas holds (its container's data attributes). */
  async drawnCounts(): Promise<{ nodes: number; edges: number }> {
    return {
      nodes: Number((await this.canvas.getAttribute('data-nodes')) ?? 0),
      edges: Number((await this.canvas.getAttribute('data-edges')) ?? 0),
    };
  }
}
