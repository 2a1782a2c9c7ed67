import { expect, test } from '../fixtures/api';
import { startCli } from '../fixtures/start-cli';
import { ProxiesPage } from '../pages/proxies-page';

test('the proxies page lists a connected sidecar with its sync status, refreshed live', async ({
  page,
  api,
  tokenControlPlane,
  consoleErrors,
}) => {
  const proxies = new ProxiesPage(page);
  await proxies.open(tokenControlPlane.url);
  await expect(page.getByText('No proxy is connected')).toBeVisible();

  const sidecar = startCli([
    'sidecar',
    '--control-plane',
    tokenControlPlane.url,
    '--workload',
    'httpbin-v1',
    '--namespace',
    'proxies',
    '--labels',
    'app=httpbin,version=v1',
    '--inbound',
    '127.0.0.1:0',
    '--outbound',
    '127.0.0.1:0',
    '--token',
    api.token,
  ]);
  try {
    const [, proxyId] = await sidecar.waitFor(/shadowmesh sidecar (\S+): inbound/);
    // No reload: the page polls proxy status (until issue 5's stream pushes it).
    const row = proxies.row(proxyId!);
    await expect(row).toBeVisible();
    await expect(row).toContainText('httpbin-v1.proxies');
    await expect(row).toContainText('version=v1');
    await expect(row).toContainText('SYNCED');
    await expect(row).toContainText(/just now|\ds ago/);
    await page.screenshot({ path: 'screenshots/proxies-synced.png', fullPage: true });

    // A config change is pushed, acknowledged, and the version column follows.
    const before = ((await row.getByRole('cell').nth(4).textContent()) ?? '').trim();
    await api.apply(`apiVersion: v1
kind: Service
metadata:
  name: httpbin
  namespace: proxies
spec:
  selector:
    app: httpbin
  ports:
    - port: 8000
`);
    await expect(row.getByRole('cell').nth(4)).not.toHaveText(before);
    await expect(row).toContainText('SYNCED');
  } finally {
    await sidecar.stop();
  }
  expect(consoleErrors).toEqual([]);
});
