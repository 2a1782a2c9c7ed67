import {
  expect,
  failedRequest,
  MeshApi,
  startTokenControlPlane,
  stopTokenControlPlane,
  test,
  unexpectedErrors,
} from '../fixtures/api';
import { FIFTY_FIFTY, httpbinService, httpbinVirtualService } from '../fixtures/manifests';
import { LoginPage } from '../pages/login-page';
import { ServicePage } from '../pages/service-page';

test.describe('sign-in', () => {
  test('a signed-out browser may look, and a refused change explains how to sign in', async ({
    page,
    api,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await api.apply(`${httpbinService('login-ro')}---\n${httpbinVirtualService('login-ro', FIFTY_FIFTY)}`);
    const login = new LoginPage(page);
    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'login-ro', 'httpbin');
    await expect(login.readOnlyBanner).toBeVisible();

    await service.weightInput('v1').fill('80');
    await service.applyButton.click();
    await expect(login.signInNeeded).toBeVisible();
    await expect(login.signInNeeded).toContainText('shadowmesh up');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: 'screenshots/login-write-refused.png', fullPage: true });

    await login.readOnlyBanner.getByRole('link', { name: 'How to sign in' }).click();
    await expect(login.heading).toBeVisible();
    await expect(page.getByText('Open the dashboard: http://127.0.0.1:20001/login?code=…')).toBeVisible();
    const stored = await api.get<{ spec: { http: Array<{ route: Array<{ weight: number }> }> } }>(
      'virtualservices',
      'login-ro',
      'httpbin',
    );
    expect(stored.spec.http[0]?.route.map((d) => d.weight)).toEqual([50, 50]);
    expect(unexpectedErrors(consoleErrors, [failedRequest(401)])).toEqual([]);
  });

  test('the one-time login URL signs the browser in, and then changes apply', async ({
    page,
    api,
    signIn,
    tokenControlPlane,
    consoleErrors,
  }) => {
    await api.apply(`${httpbinService('login-rw')}---\n${httpbinVirtualService('login-rw', FIFTY_FIFTY)}`);
    await signIn(page);
    const session = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
    expect(session).toMatchObject({ signedIn: true, via: 'session', canWrite: true });

    const service = new ServicePage(page);
    await service.open(tokenControlPlane.url, 'login-rw', 'httpbin');
    await expect(new LoginPage(page).readOnlyBanner).toHaveCount(0);
    await service.weightInput('v1').fill('70');
    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    expect(consoleErrors).toEqual([]);
  });

  test('when reads need a sign-in too, the dashboard shows the login page instead of errors', async ({
    page,
    consoleErrors,
  }) => {
    // Bound beyond loopback: every read needs the token or a session.
    const cp = await startTokenControlPlane('0.0.0.0:0');
    try {
      const login = new LoginPage(page);
      await page.goto(`${cp.url}/services`);
      await expect(login.heading).toBeVisible();
      await expect(page.getByText('shadowmesh up').first()).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await page.screenshot({ path: 'screenshots/login-page.png', fullPage: true });

      await page.goto(await new MeshApi(cp.url, cp.token).loginUrl());
      await page.goto(`${cp.url}/services`);
      await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
      await expect(login.heading).toHaveCount(0);
    } finally {
      // Leave the page first: its live stream would otherwise log reconnect failures once the server is
      // gone, sooner or later depending on how busy the machine is.
      await page.goto('about:blank');
      await stopTokenControlPlane(cp);
    }
    expect(consoleErrors).toEqual([]);
  });
});
