// Backpressure on the primary response path: a slow-reading client, and an upstream that closes its
// connection while the proxy holds its response paused (the case that crashed undici, nodejs/undici#5360).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh } from './testing/mirror-mesh.js';
import type { Behaviour } from './testing/recording-server.js';
import { echo } from './testing/recording-server.js';

let bed: MirrorMesh | null = null;
afterEach(async () => {
  await bed?.close();
  bed = null;
});

const BIG = 8 * 1024 * 1024;
const payload = Buffer.alloc(BIG, 7);

function open(outbound: string, path: string): Promise<IncomingMessage> {
  const [host, port] = outbound.split(':');
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port: Number(port), path: `http://httpbin:8000${path}`, agent: false },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

describe('response backpressure', () => {
  it('survives an upstream that closes mid-body while the client is not reading', async () => {
    const upstreamSockets: Socket[] = [];
    const closer: Behaviour = (req, res, recorded) => {
      if (!req.url?.startsWith('/big')) return echo(req, res, recorded);
      req.resume();
      upstreamSockets.push(res.socket as Socket);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BIG });
      res.write(payload.subarray(0, BIG / 2));
    };
    bed = await startMirrorMesh({ v1: closer, percentage: 0 });
    const res = await open(bed.outbound, '/big');
    res.pause();
    expect(res.statusCode).toBe(200);
    // The proxy must be holding the upstream paused: its socket to us backs up.
    const upstream = await waitFor(() => upstreamSockets[0], 'the upstream response started');
    await waitFor(() => upstream.writableLength > 0, 'the upstream backed up behind the paused client');
    upstream.destroy();
    const outcome = await new Promise<string>((resolve) => {
      let received = 0;
      res.on('data', (c: Buffer) => {
        received += c.length;
      });
      res.on('end', () => resolve(`end after ${received}`));
      res.on('aborted', () => resolve('aborted'));
      res.on('error', () => resolve('aborted'));
      res.resume();
    });
    expect(outcome).toBe('aborted');
    // The proxy is alive and serving.
    expect((await viaProxy(bed.outbound, 'http://httpbin:8000/after')).status).toBe(200);
  });

  it('delivers a large body intact to a client that reads slowly', async () => {
    const big: Behaviour = (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-length': BIG });
      res.end(payload);
    };
    bed = await startMirrorMesh({ v1: big, percentage: 0 });
    const res = await open(bed.outbound, '/big');
    const hash = createHash('sha256');
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      res.on('data', (c: Buffer) => {
        hash.update(c);
        received += c.length;
        res.pause();
        setImmediate(() => res.resume());
      });
      res.on('end', resolve);
      res.on('error', reject);
    });
    expect(received).toBe(BIG);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
  });
});
