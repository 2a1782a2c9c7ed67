import { describe, expect, it } from 'vitest';
import { DEMO_APP_NAMES, type DemoAppName, startDemoApp } from './demo-apps.js';
import { send } from './testing/send.js';

// Music front and back call another service; here, a path of their own that needs none.
const PROBES: Record<DemoAppName, [string, number, string | RegExp]> = {
  httpbin: ['/get', 200, /"url"/],
  istioapp: ['/v1/istioapp/hello-word/ping', 200, 'PONG'],
  'hello-mirroring': ['/mirroring', 200, 'Hello Mirroring v7'],
  'music-front': ['/nowhere', 404, /"error": "not found"/],
  'music-back': ['/nowhere', 404, /"error": "not found"/],
  'music-store': ['/songs/1', 200, /"title": "So What"/],
};

describe('startDemoApp', () => {
  it.each(DEMO_APP_NAMES)('starts %s by name', async (name) => {
    const app = await startDemoApp(name, { listen: '127.0.0.1:0', version: 'v7' });
    try {
      const [path, status, expected] = PROBES[name];
      const res = await send(`${app.url}${path}`);
      expect(res.status).toBe(status);
      expect(res.headers['x-demo-version']).toBe('v7');
      if (typeof expected === 'string') expect(res.text).toBe(expected);
      else expect(res.text).toMatch(expected);
    } finally {
      await app.close();
    }
  });

  it.each([
    [
      'istioapp',
      { divergeField: 'a=1' },
      'divergeField',
      'httpbin, music-front, music-back (istioapp answers text)',
    ],
    ['istioapp', { echoHostHeader: false }, 'echoHostHeader', 'httpbin (istioapp echoes no headers)'],
    [
      'httpbin',
      { upstream: 'http://x' },
      'upstream',
      'music-front, music-back (httpbin calls no other service)',
    ],
    [
      'music-store',
      { proxy: 'http://x' },
      'proxy',
      'music-front, music-back (music-store calls no other service)',
    ],
  ] as const)('refuses options %s has no use for: %j', async (name, extra, field, why) => {
    await expect(startDemoApp(name, { listen: '127.0.0.1:0', ...extra })).rejects.toMatchObject({
      code: 'DEMO_ERR_INVALID_OPTION',
      field,
      message: `${field}: applies only to ${why}`,
    });
  });

  it('refuses an unknown name', async () => {
    await expect(startDemoApp('music' as DemoAppName, { listen: '127.0.0.1:0' })).rejects.toMatchObject({
      field: 'name',
    });
  });
});
