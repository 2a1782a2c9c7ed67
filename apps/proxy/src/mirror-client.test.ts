// The mirror client (MirrorCopy on pooled connections) against raw loopback servers that answer with exact
// bytes: keep-alive reuse, response bodies skipped whatever their framing, connection: close, a server
// that breaks off or never answers, interim and bodiless answers, and request bodies byte-identical.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { totalOutcomes } from '@shadowmesh/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { MirrorMesh, MirrorMeshOptions } from './testing/mirror-mesh.js';
import { startMirrorMesh, V2_CLUSTER } from './testing/mirror-mesh.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RawResponder, RawServer } from './testing/raw-server.js';
import { dribble, rawResponse, startRawServer } from './testing/raw-server.js';

let bed: MirrorMesh | null = null;
let raw: RawServer | null = null;
afterEach(async () => {
  await bed?.close();
  await raw?.close();
  bed = null;
  raw = null;
});

async function mirrorTo(respond: RawResponder, options: MirrorMeshOptions = {}): Promise<MirrorMesh> {
  raw = await startRawServer(respond);
  bed = await startMirrorMesh({ v2Address: raw.address, ...options });
  return bed;
}

/** Sends `n` requests one at a time, each once the previous copy has been counted. */
async function sequential(mesh: MirrorMesh, n: number, path = '/get'): Promise<void> {
  for (let i = 0; i < n; i++) {
    expect((await viaProxy(mesh.outbound, `http://httpbin:8000${path}/${i}`)).status).toBe(200);
    await waitFor(() => totalOutcomes(mesh.proxy.mirrorStats().totals) === i + 1, `copy ${i} counted`);
  }
}

const totals = (mesh: MirrorMesh) => mesh.proxy.mirrorStats().totals;

describe('mirror client: keep-alive and response framing', () => {
  it('reuses one connection for sequential copies, skipping content-length bodies split across writes', async () => {
    const mesh = await mirrorTo((_req, socket) => dribble(socket, rawResponse(200, 'x'.repeat(3000)), 1000));
    await sequential(mesh, 10);
    expect(totals(mesh)['mirrored-ok']).toBe(10);
    expect(raw!.connections).toBe(1);
    expect(raw!.requests.map((r) => r.path)).toEqual([...Array(10).keys()].map((i) => `/get/${i}`));
    const first = raw!.requests[0]!;
    expect(first.headers.host).toBe('httpbin-shadow:8000');
    expect(first.headers['x-shadowmesh-shadow']).toBe('1');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('skips chunked bodies (extensions, trailers, odd splits) and keeps the connection', async () => {
    const chunked =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-T: 1\r\n\r\n';
    const mesh = await mirrorTo((_req, socket) => dribble(socket, chunked, 3));
    await sequential(mesh, 5);
    expect(totals(mesh)['mirrored-ok']).toBe(5);
    expect(raw!.connections).toBe(1);
  });

  it('reads interim (100, 103) answers, then 204 and 304 without bodies, on one connection', async () => {
    const answers = [
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 304 Not Modified\r\nETag: "1"\r\n\r\n',
      rawResponse(200, 'ok'),
    ];
    let n = 0;
    const mesh = await mirrorTo((_req, socket) => socket.write(answers[n++ % answers.length] as string));
    await sequential(mesh, 6);
    expect(totals(mesh)['mirrored-ok']).toBe(6);
    expect(raw!.connections).toBe(1);
  });

  it('opens a new connection after `connection: close`', async () => {
    const mesh = await mirrorTo((_req, socket) => socket.end(rawResponse(200, 'bye', ['Connection: close'])));
    await sequential(mesh, 4);
    expect(totals(mesh)['mirrored-ok']).toBe(4);
    expect(raw!.connections).toBe(4);
  });

  it('reads a body that runs until the server closes', async () => {
    const mesh = await mirrorTo((_req, socket) =>
      dribble(socket, 'HTTP/1.1 200 OK\r\n\r\nuntil close', 4, () => socket.end()),
    );
    await sequential(mesh, 3);
    expect(totals(mesh)['mirrored-ok']).toBe(3);
    expect(raw!.connections).toBe(3);
  });

  it('drops a pooled connection the server closed while idle, and copies go on', async () => {
    const mesh = await mirrorTo((_req, socket) => {
      socket.write(rawResponse(200, 'ok'));
      setTimeout(() => socket.destroy(), 20);
    });
    for (let i = 0; i < 3; i++) {
      expect((await viaProxy(mesh.outbound, `http://httpbin:8000/idle/${i}`)).status).toBe(200);
      await waitFor(() => totals(mesh)['mirrored-ok'] === i + 1, `copy ${i} answered`);
      // The server closes the idle connection before the next copy.
      await waitFor(() => raw!.connections === i + 1 && raw!.requests.length === i + 1, 'request seen');
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(totals(mesh)['mirrored-ok']).toBe(3);
    expect(totals(mesh)['mirrored-error']).toBe(0);
    expect(raw!.connections).toBe(3);
  });
});

describe('mirror client: failures', () => {
  it('counts an answer that breaks off mid-body as mirrored-error, the primary unaffected', async () => {
    const mesh = await mirrorTo((_req, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part');
      setImmediate(() => socket.destroy());
    });
    await sequential(mesh, 3);
    expect(totals(mesh)['mirrored-error']).toBe(3);
    expect(mesh.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);
  });

  it('counts a malformed answer and a 5xx as mirrored-error', async () => {
    let n = 0;
    const mesh = await mirrorTo((_req, socket) =>
      socket.write(n++ % 2 === 0 ? 'NOT HTTP AT ALL\r\n\r\n' : rawResponse(503, 'busy')),
    );
    await sequential(mesh, 4);
    expect(totals(mesh)['mirrored-error']).toBe(4);
  });

  it('times a silent server out through the deadline wheel and frees the slot', async () => {
    const mesh = await mirrorTo(() => {}, { mirror: { timeout: '150ms' } });
    await sequential(mesh, 3);
    expect(totals(mesh)['timed-out']).toBe(3);
    expect(raw!.requests).toHaveLength(3);
    expect(mesh.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);
  });
});

describe('mirror client: request bodies', () => {
  const random = mulberry32(77);
  const body = Buffer.alloc(300_000);
  for (let i = 0; i < body.length; i++) body[i] = Math.floor(random() * 256);
  const sha = createHash('sha256').update(body).digest('hex');

  it('streams a content-length body byte-identical', async () => {
    const mesh = await mirrorTo((_req, socket) => socket.write(rawResponse(200)));
    const res = await viaProxy(mesh.outbound, 'http://httpbin:8000/post', { method: 'POST', body });
    expect(res.status).toBe(200);
    await waitFor(() => totals(mesh)['mirrored-ok'] === 1, 'the copy answered');
    expect(raw!.requests[0]!.headers['content-length']).toBe(String(body.length));
    expect(raw!.requests[0]!.sha256).toBe(sha);
  });

  it('streams a chunked body byte-identical, chunk-framed', async () => {
    const mesh = await mirrorTo((_req, socket) => socket.write(rawResponse(200)));
    const res = await viaProxy(mesh.outbound, 'http://httpbin:8000/post', {
      method: 'PUT',
      body,
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(res.status).toBe(200);
    await waitFor(() => totals(mesh)['mirrored-ok'] === 1, 'the copy answered');
    expect(raw!.requests[0]!.headers['transfer-encoding']).toBe('chunked');
    expect(raw!.requests[0]!.sha256).toBe(sha);
  });

  it('sends content-length: 0 for a POST that came without any framing, as node:http does', async () => {
    const mesh = await mirrorTo((_req, socket) => socket.write(rawResponse(200)));
    const [host, port] = mesh.outbound.split(':');
    const client = connect(Number(port), host);
    client.on('error', () => {});
    client.write('POST http://httpbin:8000/post HTTP/1.1\r\nHost: httpbin:8000\r\n\r\n');
    await waitFor(() => totals(mesh)['mirrored-ok'] === 1, 'the copy answered');
    client.destroy();
    expect(raw!.requests[0]!.method).toBe('POST');
    expect(raw!.requests[0]!.headers['content-length']).toBe('0');
  });
});
