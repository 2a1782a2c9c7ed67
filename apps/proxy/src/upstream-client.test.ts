// The primary path's HTTP/1.1 client (UpstreamAttempt on pooled connections) against raw loopback servers:
// keep-alive reuse, every response framing forwarded intact, header hygiene, breaks and silent closes,
// the once-only retry on a pooled connection closed under it, and request bodies byte-identical.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh } from './testing/mirror-mesh.js';
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

async function upstream(respond: RawResponder): Promise<MirrorMesh> {
  raw = await startRawServer(respond);
  bed = await startMirrorMesh({ v1Address: raw.address, percentage: 0 });
  return bed;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  outcome: 'end' | 'aborted';
}

/** One request through the proxy, with the outcome of the response body (complete or aborted). */
function send(mesh: MirrorMesh, path: string, method = 'GET', agent?: Agent): Promise<Answer> {
  const [host, port] = mesh.outbound.split(':');
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port: Number(port), method, path: `http://httpbin:8000${path}`, agent: agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        const done = (outcome: Answer['outcome']) =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
            outcome,
          });
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done('end'));
        res.on('aborted', () => done('aborted'));
        res.on('error', () => done('aborted'));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('primary client: keep-alive and framing', () => {
  it('reuses one upstream connection for sequential requests', async () => {
    const mesh = await upstream((req, socket) => socket.write(rawResponse(200, `you asked ${req.path}`)));
    for (let i = 0; i < 10; i++) {
      const res = await viaProxy(mesh.outbound, `http://httpbin:8000/n/${i}`);
      expect(res.text).toBe(`you asked /n/${i}`);
    }
    expect(raw!.connections).toBe(1);
    expect(raw!.requests[0]!.headers.host).toBe('httpbin:8000');
  });

  it('forwards a chunked body split at odd places intact, then reuses the connection', async () => {
    const random = mulberry32(5);
    const payload = Buffer.alloc(50_000);
    for (let i = 0; i < payload.length; i++) payload[i] = Math.floor(random() * 256);
    const parts: Buffer[] = [Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')];
    for (let at = 0; at < payload.length; at += 7_001) {
      const piece = payload.subarray(at, at + 7_001);
      parts.push(Buffer.from(`${piece.length.toString(16)};x=1\r\n`), piece, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from('0\r\nX-Trailer: t\r\n\r\n'));
    const wire = Buffer.concat(parts);
    const mesh = await upstream((_req, socket) => dribble(socket, wire, 4_093));
    for (let i = 0; i < 3; i++) {
      const res = await send(mesh, '/chunked');
      expect(res.outcome).toBe('end');
      expect(res.status).toBe(200);
      expect(sha256(res.body)).toBe(sha256(payload));
    }
    expect(raw!.connections).toBe(1);
  });

  it('forwards a body that runs until the server closes', async () => {
    const mesh = await upstream((_req, socket) =>
      dribble(socket, 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this, until close', 5, () =>
        socket.end(),
      ),
    );
    const res = await send(mesh, '/eof');
    expect(res.outcome).toBe('end');
    expect(res.body.toString()).toBe('all of this, until close');
  });

  it('skips interim answers, and forwards 204, 304 and HEAD without bodies on one connection', async () => {
    const answers: Record<string, string> = {
      '/interim':
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>\r\n\r\n' +
        rawResponse(200, 'final'),
      '/none': 'HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n',
      '/same': 'HTTP/1.1 304 Not Modified\r\nETag: "e"\r\n\r\n',
      '/head': 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n',
    };
    const mesh = await upstream((req, socket) => socket.write(answers[req.path] as string));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const interim = await send(mesh, '/interim', 'GET', agent);
      expect([interim.status, interim.body.toString()]).toEqual([200, 'final']);
      const none = await send(mesh, '/none', 'GET', agent);
      expect([none.status, none.body.length, none.headers['x-a']]).toEqual([204, 0, '1']);
      const same = await send(mesh, '/same', 'GET', agent);
      expect([same.status, same.body.length, same.headers.etag]).toEqual([304, 0, '"e"']);
      const head = await send(mesh, '/head', 'HEAD', agent);
      expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, '1234']);
    } finally {
      agent.destroy();
    }
    expect(raw!.connections).toBe(1);
  });

  it('drops hop-by-hop response headers and those Connection names, keeps repeated fields', async () => {
    const mesh = await upstream((_req, socket) =>
      socket.write(
        rawResponse(200, 'ok', [
          'Connection: keep-alive, X-Hop',
          'Keep-Alive: timeout=30',
          'X-Hop: secret',
          'Set-Cookie: a=1',
          'Set-Cookie: b=2',
          'X-Kept: yes',
        ]),
      ),
    );
    const res = await send(mesh, '/headers');
    expect(res.headers['x-hop']).toBeUndefined();
    expect(res.headers['keep-alive']).not.toBe('timeout=30');
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(res.headers['x-kept']).toBe('yes');
  });
});

describe('primary client: failures', () => {
  it('aborts the client response when the upstream breaks off mid-body, flagged UC', async () => {
    const mesh = await upstream((_req, socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 20);
    });
    const res = await send(mesh, '/broken');
    expect(res.status).toBe(200);
    expect(res.outcome).toBe('aborted');
    await waitFor(
      () => mesh.proxy.telemetry().edges.some((e) => e.key.responseFlags === 'UC'),
      'a UC edge recorded',
    );
  });

  it('answers 503 UC when the upstream closes without answering (fresh connection: no silent retry)', async () => {
    const mesh = await upstream((_req, socket) => socket.destroy());
    const res = await send(mesh, '/closed');
    expect(res.status).toBe(503);
    expect(res.headers['x-shadowmesh-response-flags']).toMatch(/^UC/);
  });

  it('answers 502 UPE for a malformed answer', async () => {
    const mesh = await upstream((_req, socket) => socket.write('garbage\r\n\r\n'));
    const res = await send(mesh, '/garbage');
    expect(res.status).toBe(502);
    expect(res.headers['x-shadowmesh-response-flags']).toMatch(/^UPE/);
  });

  it('retries once, silently, when a pooled connection closes under a reused request', async () => {
    const perConnection = new Map<number, number>();
    const mesh = await upstream((req, socket) => {
      const n = (perConnection.get(req.connection) ?? 0) + 1;
      perConnection.set(req.connection, n);
      // The first connection dies on its second request, as if its keep-alive timeout had just fired.
      if (req.connection === 0 && n === 2) socket.destroy();
      else socket.write(rawResponse(200, `conn ${req.connection}`));
    });
    expect((await viaProxy(mesh.outbound, 'http://httpbin:8000/a')).text).toBe('conn 0');
    const second = await viaProxy(mesh.outbound, 'http://httpbin:8000/b');
    expect(second.status).toBe(200);
    expect(second.text).toBe('conn 1');
    expect(raw!.requests.map((r) => `${r.connection}${r.path}`)).toEqual(['0/a', '0/b', '1/b']);
  });
});

describe('primary client: request bodies', () => {
  it.each([
    ['content-length', {}],
    ['chunked', { 'transfer-encoding': 'chunked' }],
  ])('streams a %s body byte-identical', async (_name, headers) => {
    const random = mulberry32(11);
    const body = Buffer.alloc(700_000);
    for (let i = 0; i < body.length; i++) body[i] = Math.floor(random() * 256);
    const mesh = await upstream((req, socket) => socket.write(rawResponse(200, req.sha256)));
    const res = await viaProxy(mesh.outbound, 'http://httpbin:8000/upload', { method: 'PUT', body, headers });
    expect(res.text).toBe(sha256(body));
  });
});
