import type { Locator, Page } from '@playwright/test';

/** Page object for the dashboard's frame: navigation and version badge. */
export class AppShellPage {
  readonly nav: Locator;
  readonly version: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.version = page.getByTestId('version');
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }
}
