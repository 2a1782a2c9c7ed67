// `/api/v1/demo/load` with a real load generator: the control plane reads and changes its rate, as the
// dashboard does when `shadowmesh demo` runs (which tells the control plane the generator's address).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, controlPlaneConfig } from '@shadowmesh/control-plane';
import { type LoadGenerator, startLoadGenerator } from '@shadowmesh/demo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const TOKEN = 'demo-load-test-token-0123456789';
let upstream: Server;
let generator: LoadGenerator;
let app: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let dataDir: string;

beforeAll(async () => {
  upstream = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  generator = await startLoadGenerator({
    target: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    rate: 0,
    admin: '127.0.0.1:0',
    seed: 1,
  });
  dataDir = mkdtempSync(join(tmpdir(), 'shadowmesh-demo-load-'));
  const config = controlPlaneConfig(
    {
      listen: '127.0.0.1:0',
      data: dataDir,
      auth: 'token',
      token: TOKEN,
      logLevel: 'silent',
      demoLoadUrl: `http://${generator.adminAddress}`,
    },
    {},
  );
  app = await buildApp({ config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/v1/demo/load`;
});

afterAll(async () => {
  await app?.close();
  await generator?.close();
  await new Promise((resolve) => upstream?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

const put = (body: unknown, token: string | null = TOKEN) =>
  fetch(base, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('/api/v1/demo/load with a real load generator', () => {
  it('reads the rate, changes it, and the generator sends at the new rate', async () => {
    const first = await fetch(base);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ rps: 0, maxRps: 10_000, sent: 0 });
    expect(await (await fetch(base.replace(/\/load$/, ''))).json()).toMatchObject({ load: { rps: 0 } });

    const changed = await put({ rps: 50 });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ rps: 50 });
    expect(generator.rate).toBe(50);
    await vi.waitFor(
      async () => expect(((await (await fetch(base)).json()) as { ok: number }).ok).toBeGreaterThan(3),
      {
        timeout: 5_000,
      },
    );
    expect((await put({ rps: 0 })).status).toBe(200);
    expect(generator.rate).toBe(0);
  });

  it('refuses a write without a token, and a bad rate, changing nothing', async () => {
    const anonymous = await put({ rps: 7 }, null);
    expect(anonymous.status).toBe(401);
    const bad = await put({ rps: 20_000 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field: 'body.rps' } });
    expect(generator.rate).toBe(0);
  });
});
