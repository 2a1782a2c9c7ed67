import type { Locator, Page } from '@playwright/test';

/** The sign-in explanations: the login page, the read-only banner, and the notice on a refused write. */
export class LoginPage {
  readonly heading: Locator;
  readonly readOnlyBanner: Locator;
  readonly signInNeeded: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Sign in' });
    this.readOnlyBanner = page.getByTestId('read-only');
    this.signInNeeded = page.getByTestId('signin-needed');
  }
}
