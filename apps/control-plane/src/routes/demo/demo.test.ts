// `/api/v1/demo/load` without a load generator: 404, validation, auth, and an unreachable generator.
// (apps/cli's demo-load.test.ts drives it with a real load generator.)
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { controlPlaneConfig } from '../../config.js';
import { CpError } from '../../errors.js';
import { type TestApp, testApp } from '../../testing/test-app.js';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function demoApp(input: Parameters<typeof testApp>[0]): Promise<FastifyInstance> {
  const t = await testApp(input);
  apps.push(t);
  return t.app;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('/api/v1/demo/load', () => {
  it('answers 404 when no demo runs', async () => {
    const app = await demoApp({});
    const res = await app.inject({ method: 'GET', url: '/api/v1/demo/load' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'CP_ERR_NOT_FOUND',
      message: expect.stringMatching(/shadowmesh demo/),
    });
    const put = await app.inject({ method: 'PUT', url: '/api/v1/demo/load', payload: { rps: 5 } });
    expect(put.statusCode).toBe(404);
    // The dashboard asks here instead: no 404 for the browser to log.
    const info = await app.inject({ method: 'GET', url: '/api/v1/demo' });
    expect([info.statusCode, info.json()]).toEqual([200, { load: null }]);
  });

  it.each([
    [{ rps: -1 }, 'body.rps'],
    [{ rps: 10_001 }, 'body.rps'],
    [{ rps: 'fast' }, 'body.rps'],
    [{}, 'body.rps'],
  ])('refuses %j naming %s', async (payload, field) => {
    const app = await demoApp({ demoLoadUrl: `http://127.0.0.1:${await closedPort()}` });
    const res = await app.inject({ method: 'PUT', url: '/api/v1/demo/load', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_BAD_REQUEST', details: { field } });
  });

  it('needs a token to change the rate, as every write does', async () => {
    const app = await demoApp({
      auth: 'token',
      token: 'demo-test-token-0123456789',
      demoLoadUrl: `http://127.0.0.1:${await closedPort()}`,
    });
    const res = await app.inject({ method: 'PUT', url: '/api/v1/demo/load', payload: { rps: 5 } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'CP_ERR_UNAUTHORIZED' });
  });

  it('says which generator did not answer', async () => {
    const port = await closedPort();
    const app = await demoApp({ demoLoadUrl: `http://127.0.0.1:${port}/` });
    const res = await app.inject({ method: 'GET', url: '/api/v1/demo/load' });
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({
      code: 'CP_ERR_UPSTREAM_UNAVAILABLE',
      message: `the demo load generator at http://127.0.0.1:${port} did not answer (ECONNREFUSED)`,
      details: { field: 'demoLoadUrl' },
    });
  });
});

describe('controlPlaneConfig demoLoadUrl', () => {
  it('takes the flag, then SHADOWMESH_DEMO_LOAD_URL, keeping only scheme, host and port', () => {
    expect(controlPlaneConfig({}, {}).demoLoadUrl).toBeNull();
    expect(controlPlaneConfig({ demoLoadUrl: 'http://127.0.0.1:4000/' }, {}).demoLoadUrl).toBe(
      'http://127.0.0.1:4000',
    );
    expect(controlPlaneConfig({}, { SHADOWMESH_DEMO_LOAD_URL: 'http://[::1]:4001' }).demoLoadUrl).toBe(
      'http://[::1]:4001',
    );
  });

  it.each(['127.0.0.1:4000', 'ftp://127.0.0.1:4000', 'http://u:p@127.0.0.1:4000', 'http://h:1/?x=1'])(
    'refuses %s naming demoLoadUrl',
    (text) => {
      let thrown: unknown;
      try {
        controlPlaneConfig({ demoLoadUrl: text }, {});
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(CpError);
      expect((thrown as CpError).details).toEqual({ field: 'demoLoadUrl' });
    },
  );
});
