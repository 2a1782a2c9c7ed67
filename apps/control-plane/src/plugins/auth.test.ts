import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serviceObject } from '../testing/fixtures.js';
import { type TestApp, tempDir, testApp } from '../testing/test-app.js';

describe('auth', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function app(input: Parameters<typeof testApp>[0]): Promise<TestApp> {
    const t = await testApp(input);
    cleanups.push(t.close);
    return t;
  }
  const create = (t: TestApp, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/namespaces/default/services',
      payload: serviceObject('a'),
      headers,
    });

  it('writes a random token to <data>/token with mode 0600 and reuses it', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const first = await app({ auth: 'token', data: dir.path });
    const token = first.app.services.auth.token!;
    expect(token.length).toBeGreaterThanOrEqual(32);
    const file = join(dir.path, 'token');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await first.app.close();
    const second = await app({ auth: 'token', data: dir.path });
    expect(second.app.services.auth.token).toBe(token);
  });

  it('refuses unauthenticated writes and allows reads on loopback', async () => {
    const t = await app({ auth: 'token', listen: '127.0.0.1:0' });
    const refused = await create(t);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({
      code: 'CP_ERR_UNAUTHORIZED',
      details: { field: 'headers.authorization' },
    });
    const wrong = await create(t, { authorization: 'Bearer not-the-token' });
    expect(wrong.statusCode).toBe(401);
    const ok = await create(t, { authorization: `Bearer ${t.app.services.auth.token}` });
    expect(ok.statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/services' });
    expect(read.statusCode).toBe(200);
    expect(read.json().items).toHaveLength(1);
    const apply = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(serviceObject('b')),
    });
    expect(apply.statusCode).toBe(401);
  });

  it('refuses reads without a token when bound beyond loopback', async () => {
    const t = await app({ auth: 'token', listen: '0.0.0.0:0' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/services' })).statusCode).toBe(401);
    const authorized = await t.app.inject({
      method: 'GET',
      url: '/api/v1/services',
      headers: { authorization: `Bearer ${t.app.services.auth.token}` },
    });
    expect(authorized.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/version' })).statusCode).toBe(200);
  });

  it('signs a browser in once through a one-time login code', async () => {
    const t = await app({ auth: 'token', listen: '0.0.0.0:0' });
    const code = t.app.services.auth.sessions.createLoginCode();
    const before = await t.app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(before.json()).toMatchObject({ auth: 'token', signedIn: false, canRead: false, canWrite: false });

    const login = await t.app.inject({ method: 'GET', url: `/login?code=${code}` });
    expect(login.statusCode).toBe(302);
    expect(login.headers.location).toBe('/');
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/^shadowmesh_session=[\w-]+;/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(t.app.services.auth.token!);
    const cookie = setCookie.split(';')[0]!;

    const session = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ signedIn: true, via: 'session', canRead: true, canWrite: true });
    expect((await create(t, { cookie, 'x-shadowmesh-client': 'dashboard' })).statusCode).toBe(201);
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/history', headers: { cookie } });
    expect(history.json().items[0]).toMatchObject({
      client: 'dashboard',
      tokenId: expect.stringMatching(/^ses-[0-9a-f]{8}$/),
    });

    const reused = await t.app.inject({ method: 'GET', url: `/login?code=${code}` });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('CP_ERR_LOGIN_CODE_INVALID');

    await t.app.inject({ method: 'POST', url: '/api/v1/session/logout', headers: { cookie } });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } });
    expect(after.json().signedIn).toBe(false);
  });

  it('mints new login URLs for token holders only', async () => {
    const t = await app({ auth: 'token' });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/session/login-codes' })).statusCode).toBe(401);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session/login-codes',
      headers: { authorization: `Bearer ${t.app.services.auth.token}`, host: '127.0.0.1:20001' },
    });
    expect(res.json().loginUrl).toMatch(/^http:\/\/127\.0\.0\.1:20001\/login\?code=[\w-]+$/);
  });

  it('records the client and token id of each write', async () => {
    const t = await app({ auth: 'token' });
    const headers = { authorization: `Bearer ${t.app.services.auth.token}`, 'x-shadowmesh-client': 'cli' };
    await create(t, headers);
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/history' });
    expect(history.json().items[0]).toMatchObject({ client: 'cli', tokenId: t.app.services.auth.tokenId });
    const bad = await create(t, { ...headers, 'x-shadowmesh-client': 'robot' });
    expect(bad.json()).toMatchObject({
      code: 'CP_ERR_BAD_REQUEST',
      details: { field: 'headers.x-shadowmesh-client' },
    });
  });

  it('lets everything through with --auth none', async () => {
    const t = await app({ auth: 'none' });
    expect((await create(t)).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/session' })).json()).toMatchObject({
      auth: 'none',
      signedIn: true,
      canWrite: true,
    });
    const history = await t.app.inject({ method: 'GET', url: '/api/v1/history' });
    expect(history.json().items[0]).toMatchObject({ client: 'api', tokenId: null });
  });
});
