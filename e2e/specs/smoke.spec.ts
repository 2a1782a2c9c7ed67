import { SHADOWMESH_VERSION } from '@shadowmesh/api';
import { expect, test } from '../fixtures/mesh';
import { AppShellPage } from '../pages/app-shell';

test('the dashboard shell renders, signs in, and shows the API version', async ({
  page,
  controlPlane,
  consoleErrors,
}) => {
  await page.goto(controlPlane.loginUrl);
  const shell = new AppShellPage(page);

  await expect(page).toHaveURL(/\/graph$/);
  await expect(shell.version).toHaveText(`v${SHADOWMESH_VERSION}`);
  for (const name of ['Graph', 'Services', 'Flows', 'Config', 'Proxies']) {
    await shell.navLink(name).click();
    await expect(shell.heading(name)).toBeVisible();
  }
  await page.screenshot({ path: 'screenshots/smoke-shell.png' });
  expect(consoleErrors).toEqual([]);
});

test('a deep link is served by the SPA fallback', async ({ page, controlPlane, consoleErrors }) => {
  await page.goto(`${controlPlane.url}/proxies`);
  await expect(new AppShellPage(page).heading('Proxies')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
