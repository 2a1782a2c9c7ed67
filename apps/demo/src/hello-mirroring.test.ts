import { afterEach, describe, expect, it } from 'vitest';
import type { RunningDemoServer } from './demo-server.js';
import { startHelloMirroring } from './hello-mirroring.js';
import { jsonOf, send } from './testing/send.js';

describe('Hello Mirroring', () => {
  let app: RunningDemoServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it.each(['v1', 'v2'])('GET /mirroring answers "Hello Mirroring %s"', async (version) => {
    app = await startHelloMirroring({ listen: '127.0.0.1:0', version });
    const res = await send(`${app.url}/mirroring`);
    expect([res.status, res.text, res.headers['x-demo-version']]).toEqual([
      200,
      `Hello Mirroring ${version}`,
      version,
    ]);
  });

  it('its faults apply, and /__log counts the request', async () => {
    app = await startHelloMirroring({ listen: '127.0.0.1:0', errorRate: 1 });
    expect((await send(`${app.url}/mirroring`)).status).toBe(500);
    const log = await send(`${app.url}/__log`);
    expect(jsonOf(log).total).toBe(1);
  });

  it('answers 404 JSON on other paths', async () => {
    app = await startHelloMirroring({ listen: '127.0.0.1:0' });
    const res = await send(`${app.url}/`);
    expect(res.status).toBe(404);
    expect(jsonOf(res)).toEqual({ error: 'not found', path: '/', version: 'v1' });
  });
});
