import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROXY_PROTOCOL_VERSION, SHADOWMESH_VERSION } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, tempDir, testApp } from './testing/test-app.js';

describe('control plane skeleton', () => {
  let t: TestApp | null = null;
  const dirs: Array<{ remove(): void }> = [];
  afterEach(async () => {
    await t?.close();
    t = null;
    for (const d of dirs.splice(0)) d.remove();
  });

  it('answers /healthz', async () => {
    t = await testApp();
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /api/v1/version', async () => {
    t = await testApp();
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/version' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toBe(SHADOWMESH_VERSION);
    expect(body.protocolVersion).toBe(PROXY_PROTOCOL_VERSION);
    expect(body.apiVersions).toContain('networking.istio.io/v1');
  });

  it('answers unknown API routes with a JSON 404 in the error shape', async () => {
    t = await testApp();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nope/x/y',
      headers: { accept: 'text/html' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_NOT_FOUND', details: { path: '/api/v1/nope/x/y' } });
  });

  it('serves the dashboard with an SPA fallback', async () => {
    const dash = tempDir('shadowmesh-dash-');
    dirs.push(dash);
    mkdirSync(join(dash.path, 'assets'));
    writeFileSync(join(dash.path, 'index.html'), '<!doctype html><title>Shadowmesh</title>');
    writeFileSync(join(dash.path, 'assets', 'app.js'), 'export {};');
    t = await testApp({ dashboardDir: dash.path });
    const root = await t.app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>Shadowmesh</title>');
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    const deep = await t.app.inject({
      method: 'GET',
      url: '/graph?ns=default',
      headers: { accept: 'text/html' },
    });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Shadowmesh</title>');
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v2/unknown',
      headers: { accept: 'text/html' },
    });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('CP_ERR_NOT_FOUND');
    const missingAsset = await t.app.inject({
      method: 'GET',
      url: '/assets/missing.js',
      headers: { accept: '*/*' },
    });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json().code).toBe('CP_ERR_NOT_FOUND');
  });

  it('serves the API only when no dashboard directory is given', async () => {
    t = await testApp({ dashboardDir: null });
    const res = await t.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('CP_ERR_NOT_FOUND');
  });
});
