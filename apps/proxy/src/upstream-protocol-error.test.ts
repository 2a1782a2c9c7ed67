// Upstream protocol errors (issue #17 item 5): a malformed answer is its own outcome, flag UPE (Envoy's
// "upstream protocol error"), not a reset. Before a head went to the client: 502 UPE; after: the client
// connection is broken off and telemetry and the access log say UPE; a mirror copy counts it as
// `mirrored-error` flagged UPE. Retried as a reset is. Raw upstream bytes, a real proxy, raw client sockets.
import type { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { totalOutcomes } from '@shadowmesh/telemetry';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { waitFor } from './testing/http-client.js';
import {
  clientSidecar,
  httpbinMirror,
  silentLogger,
  workloadEntry,
  writeMeshFile,
} from './testing/mesh-files.js';
import { startMirrorMesh } from './testing/mirror-mesh.js';
import { rawExchange, splitResponses } from './testing/raw-client.js';
import type { RawResponder, RawServer } from './testing/raw-server.js';
import { rawResponse, startRawServer } from './testing/raw-server.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function rawServer(respond: RawResponder): Promise<RawServer> {
  const server = await startRawServer(respond);
  closers.push(server.close);
  return server;
}

/** A pino logger at debug level whose lines are kept (parsed) in `lines`. */
function debugLogger() {
  const lines: { msg?: string; err?: unknown; path?: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const request = (path: string) =>
  `GET http://httpbin:8000${path} HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\n\r\n`;
const flagsOf = (proxy: ProxyHandle) =>
  proxy.telemetry().edges.map((e) => `${e.key.responseCode} ${e.key.responseFlags}`);

describe('a malformed answer to the primary', () => {
  it('answers 502 UPE before any head was sent, counts it, and logs it at debug', async () => {
    const raw = await rawServer((_req, socket) =>
      socket.write('HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello'),
    );
    const { logger, lines } = debugLogger();
    const mesh = await startMirrorMesh({ v1Address: raw.address, percentage: 0, start: { logger } });
    closers.push(mesh.close);
    const { responses, rest } = splitResponses(await rawExchange(mesh.outbound, request('/bad-head')));
    expect(
      responses.map((r) => [r.status, r.headers['x-shadowmesh-response-flags']?.[0], r.body.toString()]),
    ).toEqual([[502, 'UPE', `${LOCAL_REPLY_TEXT.UPE}\n`]]);
    expect(rest.length).toBe(0);
    await waitFor(() => flagsOf(mesh.proxy).includes('502 UPE'), 'a 502 UPE edge');
    const logged = lines.find((l) => l.msg === 'upstream protocol error (UPE)');
    expect(logged?.path).toBe('/bad-head');
    expect(String(logged?.err)).toMatch(/malformed header line/);
  });

  it('breaks the client connection off after the head, flagged UPE in telemetry and the access log', async () => {
    // The malformed rest is sent once the client has the head and the first chunk.
    let upstreamSocket: Socket | null = null;
    const raw = await rawServer((_req, socket) => {
      upstreamSocket = socket;
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    });
    // The inbound listener (which keeps the access log) forwarding to the raw server as its app.
    const file = await writeMeshFile(httpbinMirror(0));
    const sidecar = await startSidecar(
      parseSidecarFlags(
        {
          workload: 'httpbin-v1',
          labels: 'app=httpbin,version=v1',
          inbound: '127.0.0.1:0',
          outbound: '127.0.0.1:0',
          admin: '127.0.0.1:0',
          app: raw.address,
          config: file,
        },
        {},
      ),
      { logger: silentLogger },
    );
    closers.push(sidecar.close);
    const wire = await rawExchange(
      sidecar.addresses.inbound as string,
      'GET /broken HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: close\r\n\r\n',
      (soFar) => {
        if (soFar.includes('hello')) upstreamSocket?.write('zz\r\nworld\r\n0\r\n\r\n');
      },
    );
    const { responses } = splitResponses(wire);
    expect(responses.map((r) => [r.status, r.framing, r.complete, r.body.toString()])).toEqual([
      [200, 'chunked', false, 'hello'],
    ]);
    const entry = await waitFor(
      () => sidecar.accessLog().find((e) => e.path === '/broken'),
      'the access log entry',
    );
    expect([entry.status, entry.flags]).toEqual([200, 'UPE']);
    expect(flagsOf(sidecar)).toContain('200 UPE');
  });

  it('retries it as a reset under `retryOn: reset`, and not under the default policy', async () => {
    const seen = new Map<string, number>();
    const raw = await rawServer((req, socket) => {
      const n = (seen.get(req.path) ?? 0) + 1;
      seen.set(req.path, n);
      socket.write(n === 1 ? 'NOT HTTP\r\n\r\n' : rawResponse(200, 'second try'));
    });
    const routes = `apiVersion: v1
kind: Service
metadata: { name: httpbin }
spec:
  ports: [{ name: http, port: 8000 }]
  selector: { app: httpbin }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: httpbin }
spec:
  hosts: [httpbin]
  http:
  - match: [{ uri: { prefix: /reset } }]
    retries: { attempts: 1, retryOn: reset }
    route: [{ destination: { host: httpbin } }]
  - route: [{ destination: { host: httpbin } }]
`;
    const file = await writeMeshFile(routes, workloadEntry('httpbin-v1', raw.address, { app: 'httpbin' }));
    const proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
    closers.push(proxy.close);
    const out = proxy.addresses.outbound as string;
    const retried = splitResponses(await rawExchange(out, request('/reset/a'))).responses;
    expect(retried.map((r) => [r.status, r.body.toString()])).toEqual([[200, 'second try']]);
    expect(seen.get('/reset/a')).toBe(2);
    const plain = splitResponses(await rawExchange(out, request('/plain'))).responses;
    expect(plain.map((r) => [r.status, r.headers['x-shadowmesh-response-flags']?.[0]])).toEqual([
      [502, 'UPE'],
    ]);
    expect(seen.get('/plain')).toBe(1);
  });
});

describe('a malformed answer to a mirror copy', () => {
  it('counts mirrored-error flagged UPE (not UC), the primary unaffected', async () => {
    const raw = await rawServer((_req, socket) =>
      socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nok\r\n0\r\n\r\n'),
    );
    const mesh = await startMirrorMesh({ v2Address: raw.address });
    closers.push(mesh.close);
    const { responses } = splitResponses(await rawExchange(mesh.outbound, request('/mirrored')));
    expect(responses.map((r) => r.status)).toEqual([200]);
    await waitFor(() => totalOutcomes(mesh.proxy.mirrorStats().totals) === 1, 'the copy counted');
    expect(mesh.proxy.mirrorStats().totals['mirrored-error']).toBe(1);
    const mirrorEdges = mesh.proxy.telemetry().edges.filter((e) => e.key.requestType === 'mirror');
    expect(mirrorEdges.map((e) => e.key.responseFlags)).toEqual(['UPE']);
  });
});
