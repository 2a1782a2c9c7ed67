// Request flows against a real mesh: every request sampled, httpbin mirrored 100 % to a v2 that
// answers one JSON field more. Open Flows and see live rows; pause and resume; filter by path; open
// a pair and see the highlighted difference; open flows from a graph edge; open the comparison view
// and follow an example flow from its divergence summary.
import type { WebSocketRoute } from '@playwright/test';
import { expect } from '../fixtures/api';
import { DIVERGENT_FIELD, FLOWS_NAMESPACE, test } from '../fixtures/flows-mesh';
import { FlowsPage } from '../pages/flows-page';
import { GraphPage } from '../pages/graph-page';

const NS = FLOWS_NAMESPACE;
const SERVICE = `svc:${NS}:httpbin`;
const V1 = `vapp:${NS}:httpbin:v1`;
const V2 = `vapp:${NS}:httpbin:v2`;
const FIELD_PATH = `$.${DIVERGENT_FIELD}`;

test('flows: live rows, pause, path filter, a pair with its difference, graph links, comparison view', async ({
  page,
  flowsMesh,
  consoleErrors,
}) => {
  test.setTimeout(180_000);
  const { controlPlane, api, mesh } = flowsMesh;
  const url = controlPlane.url;
  await page.goto(await api.loginUrl());
  await expect(page).toHaveURL(/\/graph$/);
  const flows = new FlowsPage(page);
  // Every tap connection goes through this route, so the test can drop one.
  const taps: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/v1\/tap$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => ws.send(message));
    taps.push(ws);
  });

  // 1. Live rows from the tap stream.
  await flows.open(url, `namespace=${NS}`);
  await expect(flows.tapStatus).toHaveAttribute('data-status', 'live', { timeout: 15_000 });
  await expect.poll(() => flows.rows.count(), { timeout: 20_000 }).toBeGreaterThan(3);
  const firstTop = (await flows.rowIds())[0];
  await expect.poll(async () => (await flows.rowIds())[0], { timeout: 10_000 }).not.toBe(firstTop);
  await page.screenshot({ path: 'screenshots/flows-live.png', fullPage: true });

  // Paused, rows stop changing and the new ones are counted; resumed, they come in.
  await flows.button('Pause').click();
  const frozen = await flows.rowIds();
  await expect(flows.waiting).toContainText(/[1-9]\d* new flows? waiting/, { timeout: 10_000 });
  expect(await flows.rowIds()).toEqual(frozen);
  await flows.button('Resume').click();
  await expect(flows.waiting).toBeHidden();
  await expect.poll(async () => (await flows.rowIds())[0]).not.toBe(frozen[0]);

  // The stream drops: it reconnects by itself and subscribes again.
  await taps[0]?.close({ code: 1001, reason: 'going away' });
  await expect.poll(() => taps.length, { timeout: 10_000 }).toBeGreaterThan(1);
  await expect(flows.tapStatus).toHaveAttribute('data-status', 'live', { timeout: 10_000 });
  const afterReconnect = (await flows.rowIds())[0];
  await expect.poll(async () => (await flows.rowIds())[0], { timeout: 10_000 }).not.toBe(afterReconnect);

  // A bad filter value is refused on its field, not sent.
  await flows.filter('Status').fill('6xx');
  await flows.filter('Status').press('Enter');
  await expect(page).toHaveURL(/status=6xx/);
  await expect(page.getByRole('alert')).toContainText('status: a code');
  await flows.filter('Status').fill('');
  await flows.filter('Status').press('Enter');
  await expect(page.getByRole('alert')).toBeHidden();

  // 2. Filter by path: the URL keeps it, and every row is under it.
  await flows.filter('Path prefix').fill('/anything');
  await flows.filter('Path prefix').press('Enter');
  await expect(page).toHaveURL(/path=%2Fanything/);
  await expect
    .poll(
      async () => {
        const paths = await flows.rowPaths();
        return paths.length > 0 && paths.every((p) => p.startsWith('/anything'));
      },
      // The rows before the filter have to scroll out under the live stream: slow on two loaded cores.
      { timeout: 45_000 },
    )
    .toBe(true);

  // 3. Open a pair whose shadow diverged: the differing field is highlighted in the shadow's body.
  const divergent = flows.rowsWith('divergent').first();
  await expect(divergent).toBeVisible({ timeout: 20_000 });
  const flowId = await flows.openRow(divergent);
  await expect.poll(() => new URL(page.url()).searchParams.get('flow')).toBe(flowId);
  await expect(flows.detail).toBeVisible();
  await expect(flows.detail.getByTestId('copy-result')).toHaveText('divergent');
  await expect(flows.detail.getByTestId('timeline-step')).toHaveCount(3);
  await expect(flows.difference(FIELD_PATH)).toBeVisible();
  await expect(flows.bodyLines('differs').filter({ hasText: `"${DIVERGENT_FIELD}"` })).toHaveCount(1);
  // The echoed Host differs only by the -shadow suffix: shown, greyed, not counted.
  await expect(flows.headerRow('x-demo-version')).toHaveAttribute('data-state', /differs|ignored/);
  await page.screenshot({ path: 'screenshots/flows-detail.png', fullPage: true });
  // The detail is in the URL: a reload opens it again.
  await page.reload();
  await expect(flows.detail.getByTestId('copy-result')).toHaveText('divergent');

  // 4. From a graph edge: "Flows" opens the table filtered to the edge's destination.
  const graph = new GraphPage(page);
  await graph.open(url, `namespaces=${NS}`);
  await expect(graph.edgeRow({ source: SERVICE, target: V1 })).toBeVisible({ timeout: 20_000 });
  await graph.edgeRow({ source: SERVICE, target: V1 }).getByRole('button').click();
  await graph.selectionPanel.getByRole('link', { name: 'Flows of this edge' }).click();
  await expect(page).toHaveURL(/\/flows\?namespace=flows&workload=httpbin-v1/);
  await expect(flows.filter('Workload')).toHaveValue('httpbin-v1');
  await expect.poll(() => flows.rows.count(), { timeout: 20_000 }).toBeGreaterThan(0);

  // The mirror edge shows its divergence and leads to the comparison view.
  await graph.open(url, `namespaces=${NS}`);
  const mirrorEdge = graph.edgeRow({ source: SERVICE, target: V2, mirror: true });
  await expect(mirrorEdge).toBeVisible({ timeout: 20_000 });
  await mirrorEdge.getByRole('button').click();
  await expect(graph.selectionPanel.getByTestId('edge-divergence')).toContainText('⚠', { timeout: 20_000 });
  await page.screenshot({ path: 'screenshots/flows-graph-divergence.png', fullPage: true });
  await graph.selectionPanel.getByRole('link', { name: 'Compare primary and shadow of httpbin' }).click();

  // 5. The comparison view: primary and shadow side by side, the divergence summary with examples.
  await expect(page).toHaveURL(new RegExp(`/namespaces/${NS}/services/httpbin/comparison`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('httpbin');
  const columns = page.getByTestId('comparison-column');
  await expect(columns.and(page.locator('[data-mirror="false"]'))).toHaveCount(1);
  await expect(columns.and(page.locator('[data-mirror="true"]'))).toHaveCount(1);
  const field = page.locator(`[data-testid="divergent-field"][data-field="${FIELD_PATH}"]`);
  await expect(field).toBeVisible({ timeout: 15_000 });
  await expect(field).toContainText('100%');
  await expect(page.locator('[data-testid="divergent-field"][data-field="$.uuid"]')).toHaveCount(0);
  await page.screenshot({ path: 'screenshots/flows-comparison.png', fullPage: true });
  await field.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/flows\?.*flow=/);
  await expect(flows.difference(FIELD_PATH)).toBeVisible();

  expect(mesh.stats().failed).toBe(0);
  expect(consoleErrors).toEqual([]);
});
