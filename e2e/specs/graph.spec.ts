// The live graph against a real mesh with traffic: the client → httpbin v1 edge, a mirror applied
// from the traffic editor appearing as a dashed mirror edge, and a 90/10 weight change showing up
// in the observed shares of a 10 s window.
import type { WebSocketRoute } from '@playwright/test';
import { expect, test } from '../fixtures/api';
import { MESH_NAMESPACE, test as meshTest } from '../fixtures/traffic-mesh';
import { type EdgeQuery, GraphPage } from '../pages/graph-page';
import { ServicePage } from '../pages/service-page';

const NS = MESH_NAMESPACE;
const CLIENT = `vapp:${NS}:client:v1`;
const SERVICE = `svc:${NS}:httpbin`;
const V1 = `vapp:${NS}:httpbin:v1`;
const V2 = `vapp:${NS}:httpbin:v2`;

meshTest(
  'the graph follows live traffic, a mirror and a weight change',
  async ({ page, trafficMesh, consoleErrors }) => {
    meshTest.setTimeout(180_000);
    const { controlPlane, api, mesh } = trafficMesh;
    const url = controlPlane.url;
    await page.goto(await api.loginUrl());
    await expect(page).toHaveURL(/\/graph$/);
    const graph = new GraphPage(page);
    const rpsOf = async (edge: EdgeQuery) => (await graph.edgeNumbers(edge))?.rps ?? 0;

    // 1. The client → httpbin → v1 path, live, with a non-zero rate.
    await graph.open(url, `namespaces=${NS}`);
    await expect(graph.liveIndicator).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
    await expect
      .poll(() => rpsOf({ source: CLIENT, target: SERVICE }), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => rpsOf({ source: SERVICE, target: V1 }), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await graph.drawnCounts()).toMatchObject({ edges: expect.any(Number) });
    expect((await graph.drawnCounts()).edges).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: 'screenshots/graph-live.png', fullPage: true });

    // The edge's side panel: its numbers, live charts, config, and the way to its service page.
    await graph.edgeRow({ source: SERVICE, target: V1 }).getByRole('button').click();
    await expect(page).toHaveURL(/focus=/);
    await expect(graph.selectionPanel).toContainText('Primary requests');
    await expect(graph.selectionPanel).toContainText('VirtualService httpbin');
    await expect(page.getByTestId('selection-charts')).toBeVisible();
    await page.screenshot({ path: 'screenshots/graph-selection.png', fullPage: true });
    await graph.selectionPanel
      .getByRole('link', { name: 'Service httpbin: config and traffic editor' })
      .click();
    await expect(page).toHaveURL(new RegExp(`/namespaces/${NS}/services/httpbin$`));

    // 2. Mirror 100 % to v2 from the traffic editor: a dashed mirror edge with its own rate within 10 s.
    const service = new ServicePage(page);
    await page.getByRole('heading', { level: 1, name: 'httpbin' }).waitFor();
    await service.addMirror().click();
    const mirrorSlider = service.mirrorSlider('httpbin v2');
    await mirrorSlider.focus();
    await page.keyboard.press('End');
    await expect(service.mirrorInput('httpbin v2')).toHaveValue('100');
    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const mirrorAppliedAt = Date.now();
    await graph.open(url, `namespaces=${NS}`);
    const mirrorEdge = { source: SERVICE, target: V2, mirror: true };
    await expect
      .poll(() => rpsOf(mirrorEdge), { timeout: Math.max(1000, 10_000 - (Date.now() - mirrorAppliedAt)) })
      .toBeGreaterThan(0);
    await expect(graph.edgeRow(mirrorEdge)).toContainText('mirror 100%');
    await page.screenshot({ path: 'screenshots/graph-mirror.png', fullPage: true });

    // Find by expression highlights the mirror edge; the view is in the URL.
    await graph.expression('Find').fill('mirror');
    await graph.expression('Find').press('Enter');
    await expect(page).toHaveURL(/find=mirror/);
    await expect(graph.edgeRow(mirrorEdge)).toHaveClass(/found/);
    await graph.expression('Hide').fill('rps >');
    await graph.expression('Hide').press('Enter');
    await expect(page.getByText(/expected a value after ">"/)).toBeVisible();
    await graph.expression('Hide').fill('');
    await graph.expression('Hide').press('Enter');
    await expect(page.getByText(/expected a value after ">"/)).toBeHidden();
    // The service graph of the same traffic: the client calls the httpbin service.
    await graph.select('Graph type').selectOption('service');
    await expect(page).toHaveURL(/graphType=service/);
    await expect(page).toHaveURL(/find=mirror/);
    await expect(page).not.toHaveURL(/hide=/);
    await expect(page.locator(`[data-testid="edge-row"][data-target="${SERVICE}"]`).first()).toBeVisible();
    await page.screenshot({ path: 'screenshots/graph-service-type.png', fullPage: true });

    // 3. v1 weight to 90 (v2 follows to 10): on a 10 s window the observed shares approach 90/10.
    await service.open(url, NS, 'httpbin');
    await page.getByLabel('Subset to add').selectOption('v2');
    await page.getByRole('button', { name: 'Add destination' }).click();
    const v1Slider = service.weightSlider('v1');
    await v1Slider.focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('ArrowLeft');
    await expect(service.weightInput('v1')).toHaveValue('90');
    await expect(service.weightInput('v2')).toHaveValue('10');
    await service.applyButton.click();
    await expect(service.applyStatus).toContainText('Applied');
    const weightsAppliedAt = Date.now();
    await graph.open(url, `namespaces=${NS}&duration=10s`);
    let last = '';
    await expect
      .poll(
        async () => {
          const v1 = await graph.edgeNumbers({ source: SERVICE, target: V1 });
          const v2 = await graph.edgeNumbers({ source: SERVICE, target: V2 });
          if (!v1 || !v2) return false;
          const n = v1.requests + v2.requests;
          const share = v1.requests / n;
          const sigma = Math.sqrt((0.9 * 0.1) / n);
          last = `v1 ${v1.requests} v2 ${v2.requests} share ${share.toFixed(3)} ±${(4 * sigma).toFixed(3)} (shown ${v1.share.toFixed(3)}), weights ${v1.weight}/${v2.weight}`;
          // Only a window that holds no request from before the change counts.
          const windowIsNew = Date.now() - weightsAppliedAt > 12_000;
          return (
            windowIsNew &&
            n >= 50 &&
            Math.abs(share - 0.9) <= 4 * sigma &&
            v1.weight === 90 &&
            v2.weight === 10
          );
        },
        { timeout: Math.max(1000, 30_000 - (Date.now() - weightsAppliedAt)), intervals: [1000] },
      )
      .toBe(true)
      .catch((error: unknown) => {
        throw new Error(`shares did not approach 90/10: ${last}\n${String(error)}`);
      });
    await page.screenshot({ path: 'screenshots/graph-weights.png', fullPage: true });
    expect(mesh.stats().failed).toBe(0);
    expect(consoleErrors).toEqual([]);
  },
);

test('live updates: no polling while the stream is up; a stall and a drop are shown, then it reconnects', async ({
  page,
  signIn,
  tokenControlPlane,
  consoleErrors,
}) => {
  test.setTimeout(90_000);
  // Every stream connection goes through this route, so the test can stall or drop it.
  let current: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
  let stalled = false;
  let connections = 0;
  await page.routeWebSocket(/\/api\/v1\/stream$/, (ws) => {
    connections += 1;
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (!stalled) ws.send(message);
    });
    current = { page: ws, server };
  });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const count = (path: string) => requests.filter((p) => p === path).length;

  await signIn(page);
  const graph = new GraphPage(page);
  await graph.open(tokenControlPlane.url);
  await expect(graph.liveIndicator).toHaveAttribute('data-status', 'live');
  await expect(graph.liveIndicator).toHaveText('Live');

  // While live, the graph is not refetched: snapshots and deltas arrive on the socket.
  const graphFetches = count('/api/v1/graph');
  await page.waitForTimeout(6000);
  expect(count('/api/v1/graph')).toBe(graphFetches);
  await expect(graph.liveIndicator).toHaveAttribute('data-status', 'live');

  // Updates stop (the socket stays open): the indicator says so within a few seconds…
  stalled = true;
  await expect(graph.liveIndicator).toHaveAttribute('data-status', 'stalled', { timeout: 8000 });
  await expect(graph.liveIndicator).toContainText('Updates stopped');
  await page.screenshot({ path: 'screenshots/graph-stalled.png', fullPage: true });
  // …and the silent socket is dropped and reopened, live again.
  stalled = false;
  await expect.poll(() => connections, { timeout: 15_000 }).toBeGreaterThan(1);
  await expect(graph.liveIndicator).toHaveAttribute('data-status', 'live', { timeout: 10_000 });

  // The connection drops: "Reconnecting…", then live again by itself.
  const before = connections;
  await current!.page.close({ code: 1001, reason: 'going away' });
  await expect.poll(() => connections, { timeout: 10_000 }).toBeGreaterThan(before);
  await expect(graph.liveIndicator).toHaveAttribute('data-status', 'live', { timeout: 10_000 });

  // The Proxies page does not poll either while the stream is up.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Proxies' }).click();
  await page.getByRole('heading', { level: 1, name: 'Proxies' }).waitFor();
  const statusFetches = count('/api/v1/proxy-status');
  await page.waitForTimeout(5000);
  expect(count('/api/v1/proxy-status') - statusFetches).toBeLessThanOrEqual(1);
  expect(consoleErrors).toEqual([]);
});
