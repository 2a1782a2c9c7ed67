import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveDemoOptions } from './demo-options.js';
import { type DemoApp, type RunningDemoServer, startDemoServer } from './demo-server.js';
import { jsonOf, send } from './testing/send.js';

describe('startDemoServer', () => {
  let server: RunningDemoServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const start = async (app: DemoApp) => {
    server = await startDemoServer(app, resolveDemoOptions({ listen: '127.0.0.1:0', version: 'v5' }));
    return server;
  };

  it('answers 500 JSON when a route throws, and keeps serving', async () => {
    let calls = 0;
    const s = await start({
      handler: () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return { status: 200, text: 'ok' };
      },
    });
    const failed = await send(`${s.url}/x`);
    expect(failed.status).toBe(500);
    expect(jsonOf(failed)).toEqual({ error: 'internal error', version: 'v5' });
    expect((await send(`${s.url}/x`)).text).toBe('ok');
  });

  it('answers 413 to a body over 10 MiB', async () => {
    const s = await start({
      handler: async (request) => ({ status: 200, text: String((await request.readBody()).length) }),
    });
    expect((await send(`${s.url}/`, { method: 'POST', body: Buffer.alloc(1024, 1) })).text).toBe('1024');
    const res = await send(`${s.url}/`, {
      method: 'POST',
      body: Buffer.alloc(10 * 1024 * 1024 + 1, 1),
    }).catch((err: unknown) => err);
    // The server answers 413 and then closes; the client sees the 413 or, if still writing, a reset.
    if (!(res instanceof Error)) expect((res as { status: number }).status).toBe(413);
    await vi.waitFor(() => expect(s.accessLog.entries().at(-1)?.status).toBe(413));
  });

  it('204 and 304 answers carry no Content-Length', async () => {
    const s = await start({ handler: ({ path }) => ({ status: path === '/a' ? 204 : 304 }) });
    for (const path of ['/a', '/b']) {
      const res = await send(`${s.url}${path}`);
      expect(res.headers['content-length']).toBeUndefined();
      expect(res.headers['x-demo-version']).toBe('v5');
    }
  });
});
