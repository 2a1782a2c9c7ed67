import { connect, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { controlPlaneConfig } from './config.js';
import { startControlPlane } from './server.js';
import { tempDir } from './testing/test-app.js';

describe('startControlPlane', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('listens and reports its URL', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const cp = await startControlPlane(
      controlPlaneConfig({ listen: '127.0.0.1:0', data: dir.path, auth: 'none', logLevel: 'silent' }, {}),
    );
    cleanups.push(cp.close);
    expect(cp.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${cp.url}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(cp.token).toBeNull();
    expect(cp.loginUrl).toBeNull();
  });

  it('returns the token and a one-time login URL that signs a browser in', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const cp = await startControlPlane(
      controlPlaneConfig({ listen: '127.0.0.1:0', data: dir.path, auth: 'token', logLevel: 'silent' }, {}),
    );
    cleanups.push(cp.close);
    expect(cp.token).toMatch(/^[\w-]{32,}$/);
    expect(cp.loginUrl).toMatch(new RegExp(`^${cp.url}/login\\?code=[\\w-]+$`));
    const login = await fetch(cp.loginUrl!, { redirect: 'manual' });
    expect(login.status).toBe(302);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${cp.url}/api/v1/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ signedIn: true, via: 'session' });
    const write = await fetch(`${cp.url}/api/v1/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', authorization: `Bearer ${cp.token}` },
      body: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n',
    });
    expect(write.status).toBe(200);
  });

  it('closes promptly though a client holds a connection that never sent a request (a browser spare)', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const cp = await startControlPlane(
      controlPlaneConfig({ listen: '127.0.0.1:0', data: dir.path, auth: 'none', logLevel: 'silent' }, {}),
    );
    const { port } = new URL(cp.url);
    const spare = connect({ host: '127.0.0.1', port: Number(port) });
    await new Promise<void>((resolve) => spare.once('connect', () => resolve()));
    const closedByServer = new Promise<void>((resolve) => spare.once('close', () => resolve()));
    // Without the grace timer this waits for node's 60 s headersTimeout (past this test's 30 s limit).
    await cp.close();
    await closedByServer;
  });

  it('names the address when the port is already in use', async () => {
    const dir = tempDir();
    cleanups.push(dir.remove);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const config = controlPlaneConfig(
      { listen: `127.0.0.1:${port}`, data: dir.path, auth: 'none', logLevel: 'silent' },
      {},
    );
    await expect(startControlPlane(config)).rejects.toThrow(`127.0.0.1:${port} is already in use`);
  });
});
