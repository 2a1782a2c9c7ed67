import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningDemoServer } from './demo-server.js';
import { ISTIOAPP_PING_PATH, startIstioapp } from './istioapp.js';
import { jsonOf, send } from './testing/send.js';

let app: RunningDemoServer;
beforeAll(async () => {
  app = await startIstioapp({ listen: '127.0.0.1:0', version: 'v2' });
});
afterAll(() => app.close());

describe('istioapp', () => {
  it('answers PONG on the tutorial path, with its version header', async () => {
    const res = await send(`${app.url}${ISTIOAPP_PING_PATH}`, {
      headers: [['Host', 'istioapp-service:8080']],
    });
    expect([res.status, res.text, res.headers['x-demo-version']]).toEqual([200, 'PONG', 'v2']);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('answers 404 JSON elsewhere and 405 to other methods', async () => {
    const missing = await send(`${app.url}/v1/istioapp/hello-world/ping`);
    expect(missing.status).toBe(404);
    expect(jsonOf(missing)).toEqual({
      error: 'not found',
      path: '/v1/istioapp/hello-world/ping',
      version: 'v2',
    });
    expect((await send(`${app.url}${ISTIOAPP_PING_PATH}`, { method: 'POST' })).status).toBe(405);
  });

  it('logs each request with the Host it arrived with', async () => {
    await send(`${app.url}${ISTIOAPP_PING_PATH}`, { headers: [['Host', 'istioapp-service-shadow:8080']] });
    await vi.waitFor(() =>
      expect(app.accessLog.entries().map((e) => e.host)).toContain('istioapp-service-shadow:8080'),
    );
  });
});
