// Failures answered as Envoy does (404 NR, 503 UH/UF, 504 UT, fault FI/DI), retries, route actions, and
// the headers every request carries (x-request-id, B3, traceparent, x-forwarded-for).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { Behaviour, RecordingServer } from './testing/recording-server.js';
import { echo, hang, startRecordingServer } from './testing/recording-server.js';

let proxy: ProxyHandle;
let v1: RecordingServer;
let out: string;
const retryHits = new Map<string, number>();

beforeAll(async () => {
  const behaviour: Behaviour = (req, res, recorded) => {
    const url = req.url ?? '';
    if (url.startsWith('/timeout') || url.startsWith('/per-try/hang')) return hang(req, res, recorded);
    if (url.startsWith('/retry') || url.startsWith('/per-try/slow-first')) {
      const n = (retryHits.get(url) ?? 0) + 1;
      retryHits.set(url, n);
      if (n <= 2 && url.startsWith('/retry')) {
        req.resume();
        return void res.writeHead(503).end('busy');
      }
      if (n === 1) return hang(req, res, recorded);
    }
    return echo(req, res, recorded);
  };
  v1 = await startRecordingServer(behaviour);
  const dead = createServer();
  await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
  const deadPort = (dead.address() as AddressInfo).port;
  await new Promise<void>((resolve) => dead.close(() => resolve()));
  const routes = await readFile(new URL('./testdata/failures.yaml', import.meta.url), 'utf8');
  const file = await writeMeshFile(
    routes,
    workloadEntry('httpbin-v1', v1.address, { app: 'httpbin', version: 'v1' }),
    workloadEntry('deadsvc', `127.0.0.1:${deadPort}`, { app: 'deadsvc' }),
  );
  proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
  out = proxy.addresses.outbound as string;
});

afterAll(async () => {
  await proxy.close();
  await v1.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  viaProxy(out, `http://httpbin:8000${path}`, { headers });

function expectLocalReply(res: Awaited<ReturnType<typeof get>>, status: number, flag: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers['x-shadowmesh-response-flags']).toMatch(flag);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  expect(res.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('failures answered like Envoy', () => {
  it('404 NR when no route matches', async () => {
    expectLocalReply(await get('/nothing-matches'), 404, /^NR$/);
  });

  it('503 UH when the destination subset has no endpoint', async () => {
    expectLocalReply(await get('/nohealthy'), 503, /^UH$/);
  });

  it('503 UF when the endpoint refuses connections (after the default retries)', async () => {
    expectLocalReply(await get('/dead'), 503, /^UF(,URX)?$/);
  });

  it('504 UT when the route timeout expires', async () => {
    const res = await get('/timeout');
    expectLocalReply(res, 504, /^UT$/);
    expect(res.text).toBe('upstream request timeout\n');
  });

  it('answers, never crashes, when the route sets a header value node:http refuses', async () => {
    const request = await viaProxy(out, 'http://badheaders/request');
    expect(request.status).toBe(500);
    expect(request.text).toBe('internal proxy error: invalid upstream request\n');
    const response = await viaProxy(out, 'http://badheaders/response');
    expect(response.status).toBe(502);
    expect(response.text).toBe('internal proxy error: invalid response headers\n');
    expect((await get('/headers')).status).toBe(200);
  });

  it('fault abort answers with the configured status and FI', async () => {
    const before = v1.requests.length;
    expectLocalReply(await get('/fault-abort'), 418, /^FI$/);
    expect(v1.requests.length).toBe(before);
  });

  it('fault delay delays, then forwards (DI in telemetry)', async () => {
    expect((await get('/fault-delay')).status).toBe(200);
    const edges = proxy.telemetry().edges.filter((e) => e.key.responseFlags === 'DI');
    expect(edges.map((e) => e.requests)).toEqual([1]);
  });

  it('passes a host in no registry through under ALLOW_ANY', async () => {
    const other = await startRecordingServer();
    try {
      const res = await viaProxy(out, `http://${other.address}/outside`);
      expect(res.status).toBe(200);
      expect(other.requests[0]?.headers.host).toBe(other.address);
    } finally {
      await other.close();
    }
  });
});

describe('retries and timeouts', () => {
  it('retries 5xx answers up to the configured attempts', async () => {
    const res = await get('/retry/a');
    expect(res.status).toBe(200);
    expect(retryHits.get('/retry/a')).toBe(3);
  });

  it('retries a per-try timeout and answers from the next attempt', async () => {
    const res = await get('/per-try/slow-first');
    expect(res.status).toBe(200);
    expect(retryHits.get('/per-try/slow-first')).toBe(2);
  });

  it('answers 504 UT when every per-try attempt times out', async () => {
    expectLocalReply(await get('/per-try/hang'), 504, /^UT$/);
  });
});

describe('route actions and headers', () => {
  it('applies request and response header operations', async () => {
    const res = await get('/headers', { 'x-remove-me': 'x', 'x-keep': 'k' });
    const echoed = JSON.parse(res.text);
    expect(echoed.headers['x-route']).toBe('headers');
    expect(echoed.headers['x-remove-me']).toBeUndefined();
    expect(echoed.headers['x-keep']).toBe('k');
    expect(res.headers['x-answered-by']).toBe('shadowmesh');
  });

  it('rewrites the path, redirects, and answers directly', async () => {
    expect(JSON.parse((await get('/old/x?q=1')).text).url).toBe('/new/x?q=1');
    const moved = await get('/moved');
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe('http://example.com/elsewhere');
    const direct = await get('/direct');
    expect(direct.status).toBe(202);
    expect(direct.text).toBe('accepted here');
  });

  it('creates x-request-id when absent and keeps one given', async () => {
    const created = JSON.parse((await get('/headers')).text).headers['x-request-id'];
    expect(created).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const kept = JSON.parse((await get('/headers', { 'x-request-id': 'abc-123' })).text).headers[
      'x-request-id'
    ];
    expect(kept).toBe('abc-123');
  });

  it('passes B3 and W3C trace headers through and appends x-forwarded-for', async () => {
    const trace = {
      'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
      'x-b3-spanid': 'e457b5a2e4d86bd1',
      'x-b3-sampled': '1',
      b3: '80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      tracestate: 'congo=t61rcWkgMzE',
      'x-forwarded-for': '203.0.113.7',
    };
    const echoed = JSON.parse((await get('/headers', trace)).text).headers;
    for (const [k, v] of Object.entries(trace)) if (k !== 'x-forwarded-for') expect(echoed[k]).toBe(v);
    expect(echoed['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(echoed['x-forwarded-proto']).toBe('http');
  });

  it('never forwards hop-by-hop headers', async () => {
    const echoed = JSON.parse(
      (
        await get('/headers', {
          connection: 'keep-alive, x-hop',
          'x-hop': '1',
          'proxy-connection': 'keep-alive',
        })
      ).text,
    ).headers;
    expect(echoed['x-hop']).toBeUndefined();
    expect(echoed['proxy-connection']).toBeUndefined();
  });
});
