// Request smuggling through header operations (issue #17): the framing of every forwarded request (primary,
// mirror copy) is the client's, whatever a route's `headers` operations say. The routes come from a control
// plane that skipped validation (a config stored before SM0701), so the proxy's own defences are tested;
// the standalone `--config` path validates and refuses such a route.
import { connect } from 'node:net';
import type { Headers, MeshResource } from '@shadowmesh/api';
import { parseManifests } from '@shadowmesh/api';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { meshConfigDoc, shadowPolicyDoc } from './testing/flow-mesh.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { clientSidecar, httpbinMirror, silentLogger, writeMeshFile } from './testing/mesh-files.js';
import type { RawRequest, RawServer } from './testing/raw-server.js';
import { rawResponse, startRawServer } from './testing/raw-server.js';
import { startTestControlPlane } from './testing/test-control-plane.js';

const TOKEN = 'framing-token';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

interface Bed {
  proxy: ProxyHandle;
  outbound: string;
  v1: RawServer;
  v2: RawServer;
}

/**
 * httpbin routed to v1 and mirrored (100 %) to v2, both raw servers, with `headers` on the HTTP route;
 * `extra`: more YAML documents (MeshConfig, ShadowPolicy).
 */
async function startBed(headers: Headers, body = 'upstream answer', extra: string[] = []): Promise<Bed> {
  const v1 = await startRawServer((_req, socket) => socket.write(rawResponse(200, body)));
  closers.push(v1.close);
  const v2 = await startRawServer((_req, socket) => socket.write(rawResponse(200, 'mirror')));
  closers.push(v2.close);
  const cp = await startTestControlPlane({ token: TOKEN });
  closers.push(cp.close);
  const config = parseSidecarFlags(
    {
      controlPlane: cp.url,
      workload: 'sleep',
      labels: 'app=sleep',
      inbound: '127.0.0.1:0',
      outbound: '127.0.0.1:0',
      admin: '127.0.0.1:0',
    },
    { SHADOWMESH_TOKEN: TOKEN },
  );
  const proxy = await startSidecar(config, { logger: silentLogger });
  closers.push(proxy.close);
  const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
  const endpoint = (name: string, version: string, address: string) => ({
    proxyId: name,
    workload: name,
    namespace: 'default',
    labels: { app: 'httpbin', version },
    address,
  });
  conn.pushConfig({
    version: '1',
    resources: withRouteHeaders(headers, extra),
    endpoints: [endpoint('httpbin-v1', 'v1', v1.address), endpoint('httpbin-v2', 'v2', v2.address)],
  });
  expect(await conn.answerFor('1')).toEqual({ type: 'ack', version: '1' });
  await proxy.waitForConfig('1');
  return { proxy, outbound: proxy.addresses.outbound as string, v1, v2 };
}

/** The mirror bed's resources with `headers` added to its HTTP route, bypassing validation. */
function withRouteHeaders(headers: Headers, extra: string[]): MeshResource[] {
  const parsed = parseManifests([httpbinMirror(100), ...extra].join('\n---\n'));
  expect(parsed.ok).toBe(true);
  return parsed.resources.map((r) =>
    r.kind === 'VirtualService'
      ? { ...r, spec: { ...r.spec, http: (r.spec.http ?? []).map((h) => ({ ...h, headers })) } }
      : r,
  );
}

/** Writes `bytes` to `address` and resolves with everything read until the proxy closes the connection. */
function rawExchange(address: string, bytes: string): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host as string);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(bytes, 'latin1');
  });
}

/** A complete request hidden in a body: forwarded with the wrong framing, the upstream reads it as a second one. */
const SMUGGLED = 'GET /smuggled HTTP/1.1\r\nhost: httpbin:8000\r\ncontent-length: 0\r\n\r\n';
const lines = (reqs: RawRequest[]) => reqs.map((r) => `${r.method} ${r.path}`);

/** Sends a plain request after the attack and waits until both upstreams got it, so no earlier bytes are pending. */
async function sendSentinel(bed: Bed): Promise<void> {
  const res = await viaProxy(bed.outbound, 'http://httpbin:8000/after');
  expect(res.status).toBe(200);
  await waitFor(() => bed.v1.requests.some((r) => r.path === '/after'), 'the sentinel at v1');
  await waitFor(() => bed.v2.requests.some((r) => r.path === '/after'), 'the sentinel at v2');
}

describe('header operations cannot change the framing of a forwarded request', () => {
  it('remove: [content-length] does not let a request in the body reach the upstream or the mirror', async () => {
    const bed = await startBed({ request: { remove: ['content-length'], set: { 'x-route': 'on' } } });
    const response = await rawExchange(
      bed.outbound,
      `POST http://httpbin:8000/upload HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\ncontent-length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    await waitFor(() => bed.v2.requests.length > 0, 'the mirror copy');
    await sendSentinel(bed);
    for (const upstream of [bed.v1, bed.v2]) {
      expect(lines(upstream.requests)).toEqual(['POST /upload', 'GET /after']);
      const [upload] = upstream.requests;
      expect(upload?.body.toString('latin1')).toBe(SMUGGLED);
      expect(upload?.headers['content-length']).toBe(String(SMUGGLED.length));
      // The other operations still apply.
      expect(upload?.headers['x-route']).toBe('on');
    }
  });

  it('remove: [content-length] does not let a request in the body reach the upstream in a baseline copy', async () => {
    const bed = await startBed({ request: { remove: ['Content-Length'] } }, 'upstream answer', [
      meshConfigDoc('  flowSampling: 1\n'),
      shadowPolicyDoc('httpbin', '  baseline:\n    percentage: 100\n'),
    ]);
    const response = await rawExchange(
      bed.outbound,
      `POST http://httpbin:8000/upload HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\ncontent-length: ${SMUGGLED.length}\r\n\r\n${SMUGGLED}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    await sendSentinel(bed);
    // v1 gets the primary and its baseline copy of each request (in either order).
    const baselineAfter = () => bed.v1.requests.filter((r) => r.path === '/after').length === 2;
    await waitFor(baselineAfter, 'the baseline copy of the sentinel');
    expect(lines(bed.v1.requests).sort()).toEqual([
      'GET /after',
      'GET /after',
      'POST /upload',
      'POST /upload',
    ]);
    const uploads = bed.v1.requests.filter((r) => r.path === '/upload');
    expect(uploads.map((r) => r.body.toString('latin1'))).toEqual([SMUGGLED, SMUGGLED]);
    expect(uploads.filter((r) => r.headers['x-shadowmesh-shadow'] === '1')).toHaveLength(1);
  });

  it('set: {content-length: "5"} on a chunked body never sends both content-length and transfer-encoding', async () => {
    const bed = await startBed({
      request: { set: { 'Content-Length': '5' }, add: { 'content-length': '9' } },
    });
    const body = 'hello, chunked world';
    const chunked = `7\r\n${body.slice(0, 7)}\r\n${(body.length - 7).toString(16)}\r\n${body.slice(7)}\r\n0\r\n\r\n`;
    const response = await rawExchange(
      bed.outbound,
      `POST http://httpbin:8000/upload HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\ntransfer-encoding: chunked\r\n\r\n${chunked}`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    await waitFor(() => bed.v2.requests.length > 0, 'the mirror copy');
    // No sentinel here: on a route that sets content-length, a later plain request would be broken too.
    for (const upstream of [bed.v1, bed.v2]) {
      expect(lines(upstream.requests)).toEqual(['POST /upload']);
      const [upload] = upstream.requests;
      expect(upload?.headers['content-length']).toBeUndefined();
      expect(upload?.headers['transfer-encoding']).toBe('chunked');
      expect(upload?.body.toString('latin1')).toBe(body);
    }
  });

  it('response set: {content-length} cannot make the client read past the real body', async () => {
    const answer = 'the whole upstream answer';
    const bed = await startBed({ response: { set: { 'content-length': '3' }, remove: ['x-none'] } }, answer);
    const response = await rawExchange(
      bed.outbound,
      'GET http://httpbin:8000/get HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\n\r\n',
    );
    const [head = '', rest] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head.toLowerCase().split('\r\n')).toContain(`content-length: ${answer.length}`);
    expect(rest).toBe(answer);
  });

  it('the standalone --config path refuses such a route, naming the field', async () => {
    const vs = httpbinMirror(100).replace(
      '    mirror:\n',
      '    headers:\n      request:\n        remove:\n        - Content-Length\n    mirror:\n',
    );
    const file = await writeMeshFile(vs);
    const started = startSidecar(clientSidecar(file), { logger: silentLogger }).then((proxy) => {
      closers.push(proxy.close);
      return proxy;
    });
    await expect(started).rejects.toThrow(
      /spec\.http\[0\]\.headers\.request\.remove\[0\]: header "Content-Length" cannot be changed/,
    );
  });
});
