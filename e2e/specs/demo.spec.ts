// `npm start`'s default scenario (`shadowmesh demo music`): within 30 s of opening the dashboard, the mirror
// edge back → v3 carries traffic and v3's answers show a divergence; the demo load's rate changes from the
// dashboard.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DivergenceResponse } from '@shadowmesh/api';
import { expect, test, unexpectedErrors } from '../fixtures/api';
import { startCli } from '../fixtures/start-cli';
import { GraphPage } from '../pages/graph-page';

const MIRROR_EDGE = { source: 'svc:music:back', target: 'vapp:music:back:v3', mirror: true };

test('the music demo shows a mirror edge with traffic and a divergence within 30 s', async ({
  page,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  const data = mkdtempSync(join(tmpdir(), 'shadowmesh-e2e-demo-'));
  // As `npm start` runs it (scripts/start.mjs), on free ports so it can run beside a developer's demo.
  const demo = startCli(['demo', 'music', '--listen', '127.0.0.1:0', '--data', data]);
  try {
    const [, loginUrl] = await demo.waitFor(/^Open the dashboard: (\S+)$/m, 60_000);
    const url = new URL(loginUrl!).origin;
    const openedAt = Date.now();
    const left = () => Math.max(1_000, 30_000 - (Date.now() - openedAt));
    await page.goto(loginUrl!);
    await expect(page).toHaveURL(/\/graph$/);
    const graph = new GraphPage(page);
    await graph.open(url, 'namespaces=music');

    await expect
      .poll(async () => (await graph.edgeNumbers(MIRROR_EDGE))?.rps ?? 0, { timeout: left() })
      .toBeGreaterThan(0);
    const divergence = async () => {
      const res = await page.request.get(`${url}/api/v1/divergence?namespace=music&service=back`);
      if (!res.ok()) return null;
      const body = (await res.json()) as DivergenceResponse;
      return body.items.find((i) => i.target.subset === 'v3' && i.divergent > 0) ?? null;
    };
    await expect
      .poll(async () => (await divergence())?.divergent ?? 0, { timeout: left() })
      .toBeGreaterThan(0);
    const v3 = await divergence();
    // v3 answers one field differently, in every answer; the version header is not counted (the scenario's
    // ShadowPolicy), and the back → store calls sharing the request id are not paired with v3's copies.
    expect(v3?.fields[0]).toMatchObject({ field: '$.format.bitrate', ratio: 1 });
    expect(v3?.ratio).toBe(1);
    expect(v3?.fields.map((f) => f.field)).not.toContain('x-demo-version');
    expect(v3?.volatileFields).not.toContain('body:$.format.bitrate');
    await page.screenshot({ path: 'screenshots/demo-music.png', fullPage: true });

    // The demo load's rate, changed from the dashboard, reaches the load generator.
    const rate = page.getByRole('spinbutton', { name: 'Demo load (requests per second)' });
    await expect(rate).toHaveValue('10');
    await rate.fill('20');
    await rate.press('Enter');
    await expect(page.getByTestId('demo-load-summary')).toContainText('20 req/s');
    const load = await page.request.get(`${url}/api/v1/demo/load`);
    expect(await load.json()).toMatchObject({ rps: 20 });
    await rate.fill('-3');
    await rate.press('Enter');
    await expect(page.getByTestId('demo-load').getByRole('alert')).toContainText('Enter 0 to 10000');

    expect(unexpectedErrors(consoleErrors)).toEqual([]);
  } finally {
    await demo.stop();
    rmSync(data, { recursive: true, force: true });
  }
});
