import type { Locator, Page } from '@playwright/test';

/** Page object for `/flows` (the live table and one flow's detail) and the comparison view. */
export class FlowsPage {
  readonly table: Locator;
  readonly rows: Locator;
  readonly tapStatus: Locator;
  readonly detail: Locator;
  readonly waiting: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Flows' });
    this.rows = page.getByTestId('flow-row');
    this.tapStatus = page.getByTestId('tap-status');
    this.detail = page.getByTestId('flow-detail');
    this.waiting = page.getByTestId('flows-waiting');
    this.count = page.getByTestId('flow-count');
  }

  /** Opens `/flows` with view parameters (`namespace=…&path=…`). */
  async open(baseUrl: string, query = ''): Promise<void> {
    await this.page.goto(`${baseUrl}/flows${query ? `?${query}` : ''}`);
    await this.page.getByRole('heading', { level: 1, name: 'Flows' }).waitFor();
  }

  filter(name: 'Namespace' | 'Service' | 'Workload' | 'Path prefix' | 'Status'): Locator {
    return this.page.getByRole('form', { name: 'Flow filters' }).getByRole('searchbox', { name });
  }

  button(name: 'Pause' | 'Resume' | 'Clear' | 'Filter'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Rows whose comparison came out as `result`. */
  rowsWith(result: 'equal' | 'divergent' | 'incomparable' | 'pending'): Locator {
    return this.page.locator(`[data-testid="flow-row"][data-result="${result}"]`);
  }

  /** The paths of the rows shown. */
  async rowPaths(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
  }

  /** The exchange ids of the rows shown, top first. */
  async rowIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-flow-id') ?? ''));
  }

  /** Opens a row's detail (its request button); returns the row's exchange id. */
  async openRow(row: Locator): Promise<string> {
    const id = (await row.getAttribute('data-flow-id')) ?? '';
    await row.getByRole('button').click();
    return id;
  }

  /** Highlighted body lines of the detail (`differs`, or `ignored` ones greyed). */
  bodyLines(mark: 'differs' | 'ignored'): Locator {
    return this.detail.locator(`.body-line[data-mark="${mark}"]`);
  }

  difference(field: string): Locator {
    return this.detail.locator(`[data-testid="difference"][data-field="${field}"]`);
  }

  headerRow(name: string): Locator {
    return this.detail.getByTestId('header-row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }
}
