import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, tempDir, testApp } from '../../testing/test-app.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GET /login with a code that does not work', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function withDashboard(): Promise<TestApp> {
    const dash = tempDir('shadowmesh-dash-');
    cleanups.push(dash.remove);
    writeFileSync(join(dash.path, 'index.html'), '<!doctype html><title>Shadowmesh</title>');
    const t = await testApp({ auth: 'token', dashboardDir: dash.path });
    cleanups.push(t.close);
    return t;
  }

  const login = (t: TestApp, query: string, accept?: string) =>
    t.app.inject({ method: 'GET', url: `/login${query}`, headers: accept ? { accept } : {} });

  it('sends a browser to the sign-in page for a used, unknown or missing code', async () => {
    const t = await withDashboard();
    const code = t.app.services.auth.sessions.createLoginCode();
    expect((await login(t, `?code=${code}`, BROWSER_ACCEPT)).statusCode).toBe(302);
    for (const query of [`?code=${code}`, '?code=never-issued', '']) {
      const res = await login(t, query, BROWSER_ACCEPT);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/signin?error=invalid-code');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    // The page it lands on is the dashboard (its router shows the notice).
    const page = await t.app.inject({
      method: 'GET',
      url: '/signin?error=invalid-code',
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Shadowmesh</title>');
  });

  it('answers API clients with the JSON error', async () => {
    const t = await withDashboard();
    for (const accept of ['application/json', '*/*', undefined]) {
      const res = await login(t, '?code=never-issued', accept);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toMatchObject({
        code: 'CP_ERR_LOGIN_CODE_INVALID',
        details: { field: 'query.code' },
      });
    }
  });

  it('answers JSON to a browser too when no dashboard is served (there is no sign-in page)', async () => {
    const t = await testApp({ auth: 'token' });
    cleanups.push(t.close);
    const res = await login(t, '?code=never-issued', BROWSER_ACCEPT);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('CP_ERR_LOGIN_CODE_INVALID');
  });

  it('still signs a browser in with a good code', async () => {
    const t = await withDashboard();
    const code = t.app.services.auth.sessions.createLoginCode();
    const res = await login(t, `?code=${code}`, BROWSER_ACCEPT);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/^shadowmesh_session=/);
  });
});
