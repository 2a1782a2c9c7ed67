import type { Locator, Page } from '@playwright/test';

/** Page object for `/proxies`: one row per proxy with its sync status. */
export class ProxiesPage {
  readonly table: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Proxies' });
    this.rows = page.getByTestId('proxy-row');
  }

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/proxies`);
    await this.page.getByRole('heading', { level: 1, name: 'Proxies' }).waitFor();
  }

  row(proxyId: string): Locator {
    return this.rows.filter({ hasText: proxyId });
  }
}
