// ReDoS through a real sidecar: VirtualService regexes are user input run per request, so a pattern that
// is catastrophic for a backtracking engine must neither stall the event loop nor change the routing.
// The proxy shares this process, so a stall would also hold this test past its timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

// `(a+)+$` after the leading `/` (the match is of the whole path), then `/` + 30 `a`s + `b`: exponential
// backtracking for a JS RegExp, one linear pass for RE2.
const ROUTES = `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  ports:
  - name: http
    port: 8000
  selector:
    app: httpbin
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - name: catastrophic
    match:
    - uri:
        regex: /(a+)+$
    - headers:
        x-probe:
          regex: (a+)+$
    directResponse:
      status: 418
      body:
        string: catastrophic route
  - name: largest-program
    match:
    - uri:
        regex: /big/.*.{1,490}z
    directResponse:
      status: 418
      body:
        string: largest program
  - name: rewrite
    match:
    - uri:
        prefix: /rewrite/
    rewrite:
      uriRegexRewrite:
        match: (a+)+$
        rewrite: X
    route:
    - destination:
        host: httpbin
  - name: default
    route:
    - destination:
        host: httpbin
`;

const POISON = `${'a'.repeat(30)}b`;
// Near the 16 KiB head limit: every one of the pattern's ~490 counted copies stays live to the end.
const LONG_PATH = `/big/${'a'.repeat(15_000)}`;

let proxy: ProxyHandle;
let upstream: RecordingServer;
let out: string;

beforeAll(async () => {
  upstream = await startRecordingServer();
  const file = await writeMeshFile(ROUTES, workloadEntry('httpbin-v1', upstream.address, { app: 'httpbin' }));
  proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
  out = proxy.addresses.outbound as string;
});

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  viaProxy(out, `http://httpbin:8000${path}`, { headers });
const upstreamPath = (res: { text: string }) => (JSON.parse(res.text) as { url: string }).url;

describe('catastrophic regexes through a real sidecar (RE2, linear time)', () => {
  it('the regex route is live: 30 a match it', async () => {
    expect((await get(`/${'a'.repeat(30)}`)).status).toBe(418);
    expect((await get('/', { 'x-probe': 'a'.repeat(30) })).status).toBe(418);
  });

  // Only the per-test timeout bounds this: a backtracking engine holds the event loop for seconds.
  it('uri regex /(a+)+$ against / + 30 a + b: no match, and a request beside it is answered', async () => {
    const poisoned = get(`/${POISON}`);
    const normal = await get('/status/ok');
    expect(normal.status).toBe(200);
    expect(upstreamPath(normal)).toBe('/status/ok');
    const res = await poisoned;
    expect(res.status).toBe(200);
    expect(upstreamPath(res)).toBe(`/${POISON}`);
  }, 3_000);

  it('header regex (a+)+$ against 30 a + b: no match, and a request beside it is answered', async () => {
    const poisoned = get('/headers', { 'x-probe': POISON });
    const normal = await get('/status/ok');
    expect(normal.status).toBe(200);
    const res = await poisoned;
    expect(res.status).toBe(200);
    expect(upstreamPath(res)).toBe('/headers');
  }, 3_000);

  it('uriRegexRewrite (a+)+$ replaces only real matches and does not stall', async () => {
    const poisoned = get(`/rewrite/${POISON}`);
    const normal = await get('/rewrite/aaa');
    expect(normal.status).toBe(200);
    expect(upstreamPath(normal)).toBe('/rewrite/X');
    const res = await poisoned;
    expect(res.status).toBe(200);
    expect(upstreamPath(res)).toBe(`/rewrite/${POISON}`);
  }, 3_000);

  // 983 instructions, near MAX_REGEX_PROGRAM_SIZE: the most a pattern may cost. Istio's 32768 allowed 30×
  // this (`.{1,1000}` × 16), about 5 s of one core for this one request; now it is tens of milliseconds.
  it('the largest program accepted, against a 15 KB path: answered, and a request beside it is answered', async () => {
    const poisoned = get(LONG_PATH);
    const normal = await get('/status/ok');
    expect(normal.status).toBe(200);
    const res = await poisoned;
    expect(res.status).toBe(200);
    expect(upstreamPath(res)).toBe(LONG_PATH);
    expect((await get(`${LONG_PATH}z`)).status).toBe(418);
  }, 3_000);
});
