// A web page must not read what loopback serves without a token: not through a DNS-rebound name (a
// foreign Host header) and not through a WebSocket (browsers apply no CORS to them).
import { afterEach, describe, expect, it } from 'vitest';
import { serviceObject } from '../testing/fixtures.js';
import { rawExchange, statusOf } from '../testing/raw-http.js';
import { type TestApp, testApp } from '../testing/test-app.js';
import { hostOf, isLoopbackHostHeader, isSameOrigin } from './request-origin.js';

const UPGRADE =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

describe('request origin', () => {
  it('reads the host of a Host header', () => {
    expect(hostOf('127.0.0.1:20001')).toBe('127.0.0.1');
    expect(hostOf('[::1]:20001')).toBe('::1');
    expect(hostOf('LocalHost')).toBe('localhost');
    expect(hostOf('evil.example:20001')).toBe('evil.example');
    expect(hostOf('a:b:c')).toBeNull();
    expect(hostOf('')).toBeNull();
    expect(hostOf(undefined)).toBeNull();
    expect(isLoopbackHostHeader('127.0.0.1:9')).toBe(true);
    expect(isLoopbackHostHeader('[::1]')).toBe(true);
    expect(isLoopbackHostHeader('localhost:20001')).toBe(true);
    expect(isLoopbackHostHeader('127.0.0.1.evil.example')).toBe(false);
    expect(isLoopbackHostHeader('evil.example')).toBe(false);
  });

  it('compares an Origin with the Host header', () => {
    expect(isSameOrigin(undefined, '127.0.0.1:20001')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:20001', '127.0.0.1:20001')).toBe(true);
    expect(isSameOrigin('http://LOCALHOST:20001', 'localhost:20001')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1', '127.0.0.1:80')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8000', '127.0.0.1:20001')).toBe(false);
    expect(isSameOrigin('http://evil.example', '127.0.0.1:20001')).toBe(false);
    expect(isSameOrigin('null', '127.0.0.1:20001')).toBe(false);
    expect(isSameOrigin('file://x', 'x')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:20001', undefined)).toBe(false);
  });

  describe('on a loopback bind', () => {
    let t: TestApp | null = null;
    afterEach(async () => {
      await t?.close();
      t = null;
    });
    async function listening(auth: 'token' | 'none'): Promise<number> {
      t = await testApp({ auth, listen: '127.0.0.1:0' });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      return (t.app.server.address() as { port: number }).port;
    }
    const get = (port: number, path: string, host: string, extra = '') =>
      rawExchange(port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);

    it('serves anonymous reads only to a loopback Host (a DNS-rebound name needs the token)', async () => {
      const port = await listening('token');
      expect(statusOf(await get(port, '/api/v1/services', `127.0.0.1:${port}`))).toBe(200);
      expect(statusOf(await get(port, '/api/v1/services', `localhost:${port}`))).toBe(200);
      const rebound = await get(port, '/api/v1/services', `evil.example:${port}`);
      expect(statusOf(rebound)).toBe(401);
      expect(rebound).toContain('is not a loopback address');
      const token = (t as TestApp).app.services.auth.token as string;
      const withToken = await get(
        port,
        '/api/v1/services',
        'evil.example',
        `Authorization: Bearer ${token}\r\n`,
      );
      expect(statusOf(withToken)).toBe(200);
      const session = await get(port, '/api/v1/session', `evil.example:${port}`);
      expect(session).toContain('"canRead":false');
    });

    it('refuses writes from a rebound name even with --auth none', async () => {
      const port = await listening('none');
      const body = JSON.stringify(serviceObject('a'));
      const post = (host: string) =>
        rawExchange(
          port,
          `POST /api/v1/namespaces/default/services HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
      expect(statusOf(await post(`evil.example:${port}`))).toBe(401);
      expect((t as TestApp).app.services.store.list()).toHaveLength(0);
      expect(statusOf(await post(`127.0.0.1:${port}`))).toBe(201);
    });

    it('takes a dashboard-session write only from this origin (another port is the same site)', async () => {
      const port = await listening('token');
      const app = (t as TestApp).app;
      const login = await app.inject({
        method: 'GET',
        url: `/login?code=${app.services.auth.sessions.createLoginCode()}`,
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
      const host = `127.0.0.1:${port}`;
      const post = (name: string, extra: string) => {
        const body = JSON.stringify(serviceObject(name));
        return rawExchange(
          port,
          `POST /api/v1/namespaces/default/services HTTP/1.1\r\nHost: ${host}\r\nCookie: ${cookie}\r\n${extra}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
        );
      };
      const otherPort = await post('a', 'Origin: http://127.0.0.1:8000\r\n');
      expect(statusOf(otherPort)).toBe(403);
      expect(otherPort).toContain('"code":"CP_ERR_FORBIDDEN"');
      expect(statusOf(await post('b', 'Sec-Fetch-Site: same-site\r\n'))).toBe(403);
      expect(app.services.store.list()).toHaveLength(0);
      expect(statusOf(await post('c', `Origin: http://${host}\r\nSec-Fetch-Site: same-origin\r\n`))).toBe(
        201,
      );
    });

    it('upgrades a WebSocket only from this origin or a non-browser', async () => {
      const port = await listening('token');
      const host = `127.0.0.1:${port}`;
      const foreign = await get(port, '/api/v1/tap', host, `${UPGRADE}Origin: http://evil.example\r\n`);
      expect(statusOf(foreign)).toBe(403);
      expect(foreign).toContain('"field":"headers.origin"');
      const otherPort = await get(port, '/api/v1/tap', host, `${UPGRADE}Origin: http://127.0.0.1:8000\r\n`);
      expect(statusOf(otherPort)).toBe(403);
      expect(statusOf(await get(port, '/api/v1/tap', host, `${UPGRADE}Origin: http://${host}\r\n`))).toBe(
        101,
      );
      expect(statusOf(await get(port, '/api/v1/tap', host, UPGRADE))).toBe(101);
      // A route that takes no WebSocket never completes a handshake.
      expect(statusOf(await get(port, '/healthz', host, UPGRADE))).toBe(404);
    });
  });
});
