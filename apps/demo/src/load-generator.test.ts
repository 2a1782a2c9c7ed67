import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type LoadGenerator, startLoadGenerator } from './load-generator.js';
import { jsonOf, send } from './testing/send.js';

interface Upstream {
  url: string;
  seen: IncomingMessage[];
  server: Server;
}

function startUpstream(handle?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Upstream> {
  const seen: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    seen.push(req);
    if (handle) return handle(req, res);
    res.writeHead(req.url === '/fail' ? 503 : 200, { 'x-demo-version': 'v9' });
    res.end('ok');
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server }),
    ),
  );
}

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function generator(options: Parameters<typeof startLoadGenerator>[0]): Promise<LoadGenerator> {
  const g = await startLoadGenerator(options);
  cleanup.push(() => g.close());
  return g;
}

async function upstream(handle?: (req: IncomingMessage, res: ServerResponse) => void): Promise<Upstream> {
  const u = await startUpstream(handle);
  cleanup.push(() => {
    u.server.closeAllConnections();
    u.server.close();
  });
  return u;
}

describe('startLoadGenerator', () => {
  it('sends `limit` requests with the path mix within 4σ, and counts the answers', async () => {
    const up = await upstream();
    const n = 2000;
    const g = await generator({ target: up.url, rate: 5000, limit: n, seed: 7, paths: '/a=3,/b=1,/fail=1' });
    const stats = await g.done();
    expect(stats).toMatchObject({ sent: n, completed: n, errors: 0, inFlight: 0 });
    expect(stats.ok + stats.failed).toBe(n);
    expect(stats.byVersion).toEqual({ v9: n });
    const count = (path: string) => up.seen.filter((r) => r.url === path).length;
    for (const [path, p] of [
      ['/a', 0.6],
      ['/b', 0.2],
      ['/fail', 0.2],
    ] as const) {
      const sigma = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(count(path) - n * p)).toBeLessThan(4 * sigma);
    }
    expect(stats.failed).toBe(count('/fail'));
    expect(stats.byStatus['503']).toBe(count('/fail'));
  });

  it('goes through a proxy with absolute-form targets, sending the Host asked for', async () => {
    const up = await upstream();
    const g = await generator({
      target: 'http://front',
      proxy: up.url,
      host: 'music.example.com',
      rate: 1000,
      limit: 3,
      paths: '/songs/1',
    });
    await g.done();
    expect(up.seen.map((r) => [r.url, r.headers.host])).toEqual(
      Array(3).fill(['http://front/songs/1', 'music.example.com']),
    );
  });

  it('keeps at most `concurrency` requests in flight and counts the ones it skips', async () => {
    const parked: ServerResponse[] = [];
    const up = await upstream((_req, res) => parked.push(res));
    const g = await generator({ target: up.url, rate: 2000, concurrency: 5 });
    await vi.waitFor(() => expect(g.stats().skipped).toBeGreaterThan(10), { timeout: 5000 });
    expect(g.stats()).toMatchObject({ sent: 5, inFlight: 5 });
    expect(up.seen).toHaveLength(5);
    g.setRate(0);
    for (const res of parked) res.end('late');
    await vi.waitFor(() => expect(g.stats()).toMatchObject({ completed: 5, ok: 5, inFlight: 0 }));
  });

  it('counts refused connections as errors', async () => {
    const g = await generator({ target: 'http://127.0.0.1:1', rate: 1000, limit: 3 });
    expect(await g.done()).toMatchObject({ sent: 3, errors: 3, ok: 0 });
  });

  it('refuses bad options, naming them', async () => {
    await expect(startLoadGenerator({ target: 'ftp://x', rate: 1 })).rejects.toThrow(
      /^target: must be an http/,
    );
    await expect(startLoadGenerator({ target: 'http://x', rate: -1 })).rejects.toThrow(/^rate: must be/);
    await expect(startLoadGenerator({ target: 'http://x', rate: 1, paths: 'nope' })).rejects.toThrow(
      /^paths\[0\]: path must start with \//,
    );
    await expect(startLoadGenerator({ target: 'http://x', rate: 1, concurrency: 0 })).rejects.toThrow(
      /^concurrency: must be a positive integer/,
    );
  });
});

describe('the control endpoint', () => {
  it('reads and changes the rate at runtime: GET/PUT /rate, GET /stats', async () => {
    const up = await upstream();
    const g = await generator({ target: up.url, rate: 0, admin: '127.0.0.1:0' });
    const admin = `http://${g.adminAddress}`;
    expect(jsonOf(await send(`${admin}/rate`))).toEqual({ rate: 0 });

    const put = await send(`${admin}/rate`, { method: 'PUT', body: '{"rate": 200}' });
    expect([put.status, jsonOf(put)]).toEqual([200, { rate: 200 }]);
    expect(g.rate).toBe(200);
    await vi.waitFor(() => expect(up.seen.length).toBeGreaterThan(5));

    const plain = await send(`${admin}/rate`, { method: 'PUT', body: '0' });
    expect(jsonOf(plain)).toEqual({ rate: 0 });
    const stats = jsonOf(await send(`${admin}/stats`));
    expect(stats).toMatchObject({ rate: 0 });
    expect(stats.sent).toBeGreaterThan(5);
  });

  it('refuses a bad rate with 400 naming it, and unknown paths with 404', async () => {
    const g = await generator({ target: 'http://127.0.0.1:1', rate: 0, admin: '127.0.0.1:0' });
    const admin = `http://${g.adminAddress}`;
    const bad = await send(`${admin}/rate`, { method: 'PUT', body: '{"rate": "fast"}' });
    expect(bad.status).toBe(400);
    expect(String(jsonOf(bad).error)).toMatch(/^rate: must be requests per second from 0 to 10000/);
    expect((await send(`${admin}/rate`, { method: 'PUT', body: '{"rate": 1e9}' })).status).toBe(400);
    expect((await send(`${admin}/nope`)).status).toBe(404);
    expect((await send(`${admin}/rate`, { method: 'POST', body: '1' })).status).toBe(405);
    expect(g.rate).toBe(0);
  });

  it('answers CORS only to the origin it was given', async () => {
    const origin = 'http://127.0.0.1:20001';
    const g = await generator({
      target: 'http://127.0.0.1:1',
      rate: 0,
      admin: '127.0.0.1:0',
      adminCorsOrigin: origin,
    });
    const admin = `http://${g.adminAddress}`;
    const ok = await send(`${admin}/rate`, { method: 'OPTIONS', headers: [['Origin', origin]] });
    expect([
      ok.status,
      ok.headers['access-control-allow-origin'],
      ok.headers['access-control-allow-methods'],
    ]).toEqual([204, origin, 'GET, PUT']);
    const other = await send(`${admin}/rate`, { headers: [['Origin', 'http://evil.example']] });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
