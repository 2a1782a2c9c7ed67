import { request } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessLog, type AccessLogEntry } from './access-log.js';
import type { RunningDemoServer } from './demo-server.js';
import { startHttpbin } from './httpbin.js';
import { jsonOf, send } from './testing/send.js';

const entry = (path: string): Omit<AccessLogEntry, 'seq'> => ({
  time: '2025-01-01T00:00:00.000Z',
  method: 'GET',
  path,
  host: 'h',
  status: 200,
  durationMs: 1,
  requestId: null,
});

describe('AccessLog', () => {
  it('keeps the newest entries in order and numbers every entry', () => {
    const log = new AccessLog(3);
    for (const path of ['/a', '/b', '/c', '/d', '/e']) log.add(entry(path));
    expect(log.total).toBe(5);
    expect(log.entries().map((e) => [e.seq, e.path])).toEqual([
      [3, '/c'],
      [4, '/d'],
      [5, '/e'],
    ]);
    expect(log.entries(4).map((e) => e.path)).toEqual(['/e']);
  });

  it('refuses a capacity below 1', () => {
    expect(() => new AccessLog(0)).toThrow(RangeError);
  });
});

describe('/__log', () => {
  let bin: RunningDemoServer | undefined;
  afterEach(async () => {
    await bin?.close();
    bin = undefined;
  });

  const readLog = async (url: string, query = '') => {
    const res = await send(`${url}/__log${query}`);
    expect(res.status).toBe(200);
    return jsonOf(res) as { total: number; entries: AccessLogEntry[] };
  };

  it('records method, target, Host as received, status, duration and x-request-id', async () => {
    bin = await startHttpbin({ listen: '127.0.0.1:0' });
    await send(`${bin.url}/headers?x=1`, {
      headers: [
        ['Host', 'httpbin-shadow:8000'],
        ['x-request-id', 'req-1'],
      ],
    });
    await send(`${bin.url}/status/503`, { method: 'POST', body: 'x' });
    await send(`${bin.url}/nowhere`);
    const log = await readLog(bin.url);
    expect(log.total).toBe(3);
    expect(
      log.entries.map(({ seq, method, path, host, status, requestId }) => ({
        seq,
        method,
        path,
        host,
        status,
        requestId,
      })),
    ).toEqual([
      {
        seq: 1,
        method: 'GET',
        path: '/headers?x=1',
        host: 'httpbin-shadow:8000',
        status: 200,
        requestId: 'req-1',
      },
      { seq: 2, method: 'POST', path: '/status/503', host: bin.address, status: 503, requestId: null },
      { seq: 3, method: 'GET', path: '/nowhere', host: bin.address, status: 404, requestId: null },
    ]);
    for (const e of log.entries) {
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    }
    // Reading the log is not itself logged, and `since` returns only newer entries.
    expect((await readLog(bin.url, '?since=2')).entries.map((e) => e.path)).toEqual(['/nowhere']);
  });

  it('keeps accessLogSize entries', async () => {
    bin = await startHttpbin({ listen: '127.0.0.1:0', accessLogSize: 2 });
    for (let i = 0; i < 5; i++) await send(`${bin.url}/get?i=${i}`);
    const log = await readLog(bin.url);
    expect(log.total).toBe(5);
    expect(log.entries.map((e) => e.path)).toEqual(['/get?i=3', '/get?i=4']);
  });

  it('answers 405 to writes and 400 to a bad since', async () => {
    bin = await startHttpbin({ listen: '127.0.0.1:0', errorRate: 1 });
    expect((await send(`${bin.url}/__log`, { method: 'POST' })).status).toBe(405);
    expect((await send(`${bin.url}/__log?since=soon`)).status).toBe(400);
    // Faults never touch /__log: errorRate 1 fails everything else.
    expect((await send(`${bin.url}/get`)).status).toBe(500);
    expect((await readLog(bin.url)).entries.map((e) => e.status)).toEqual([500]);
  });

  it('logs status 0 when the client leaves before the answer, and close() ends pending delays', async () => {
    const running = await startHttpbin({ listen: '127.0.0.1:0' });
    bin = running;
    const req = request(`${running.url}/delay/10`, { agent: false });
    req.on('error', () => {});
    req.end();
    await vi.waitFor(() => expect(running.inFlight).toBe(1), { timeout: 5000 });
    req.destroy();
    await vi.waitFor(() => expect(running.accessLog.entries()[0]?.status).toBe(0), { timeout: 5000 });

    const hanging = send(`${running.url}/delay/10`).catch((err: unknown) => err);
    await vi.waitFor(() => expect(running.inFlight).toBe(1), { timeout: 5000 });
    await running.close();
    bin = undefined;
    expect(await hanging).toBeInstanceOf(Error);
    expect(running.accessLog.entries().map((e) => e.status)).toEqual([0, 0]);
  });
});
