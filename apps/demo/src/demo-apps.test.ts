import { describe, expect, it } from 'vitest';
import { DEMO_APP_NAMES, type DemoAppName, startDemoApp } from './demo-apps.js';
import { send } from './testing/send.js';

const PROBES: Record<DemoAppName, [string, string | RegExp]> = {
  httpbin: ['/get', /"url"/],
  istioapp: ['/v1/istioapp/hello-word/ping', 'PONG'],
  'hello-mirroring': ['/mirroring', 'Hello Mirroring v7'],
};

describe('startDemoApp', () => {
  it.each(DEMO_APP_NAMES)('starts %s by name', async (name) => {
    const app = await startDemoApp(name, { listen: '127.0.0.1:0', version: 'v7' });
    try {
      const [path, expected] = PROBES[name];
      const res = await send(`${app.url}${path}`);
      expect(res.status).toBe(200);
      if (typeof expected === 'string') expect(res.text).toBe(expected);
      else expect(res.text).toMatch(expected);
    } finally {
      await app.close();
    }
  });

  it.each([
    [{ divergeField: 'a=1' }, 'divergeField'],
    [{ echoHostHeader: false }, 'echoHostHeader'],
  ])('refuses httpbin-only %j for the text apps', async (extra, field) => {
    await expect(startDemoApp('istioapp', { listen: '127.0.0.1:0', ...extra })).rejects.toMatchObject({
      code: 'DEMO_ERR_INVALID_OPTION',
      field,
      message: `${field}: applies only to httpbin (istioapp answers text)`,
    });
  });

  it('refuses an unknown name', async () => {
    await expect(startDemoApp('music' as DemoAppName, { listen: '127.0.0.1:0' })).rejects.toMatchObject({
      field: 'name',
    });
  });
});
