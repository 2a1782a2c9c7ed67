// Mirror bodies (mirror-tools.md P4, P10): streamed byte-identical, over-cap bodies skipped and counted,
// a client abort never yields a copy presented as complete, a stalled mirror never stalls the upload.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh, V2_CLUSTER } from './testing/mirror-mesh.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { Behaviour } from './testing/recording-server.js';

let bed: MirrorMesh | null = null;
afterEach(async () => {
  await bed?.close();
  bed = null;
});

function body(size: number, seed: number): Buffer {
  const random = mulberry32(seed);
  const buf = Buffer.alloc(size);
  for (let i = 0; i < size; i++) buf[i] = Math.floor(random() * 256);
  return buf;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Sends `data` through the proxy with chunked encoding, in pieces of `piece` bytes. */
function chunkedPost(outbound: string, path: string, data: Buffer, piece: number): Promise<number> {
  const [host, port] = outbound.split(':');
  return new Promise((resolve, reject) => {
    const req = request(
      { host, port: Number(port), method: 'POST', path: `http://httpbin:8000${path}`, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < data.length; i += piece) req.write(data.subarray(i, i + piece));
    req.end();
  });
}

describe('mirrored request bodies (P4)', () => {
  it.each([0, 1, 64 * 1024, 1024 * 1024])(
    'streams a %i-byte body to the mirror byte-identical',
    async (size) => {
      bed = await startMirrorMesh();
      const data = body(size, size + 1);
      const res = await viaProxy(bed.outbound, 'http://httpbin:8000/post', { method: 'POST', body: data });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).sha256).toBe(sha256(data));
      const copy = await waitFor(() => bed!.v2!.requests.find((r) => r.settled), 'the settled copy');
      expect(copy.complete).toBe(true);
      expect(copy.bytes).toBe(size);
      expect(copy.sha256).toBe(sha256(data));
      await waitFor(() => bed!.proxy.mirrorStats().totals['mirrored-ok'] === 1, 'mirrored-ok');
    },
  );

  it('streams a chunked body byte-identical', async () => {
    bed = await startMirrorMesh();
    const data = body(200_000, 9);
    expect(await chunkedPost(bed.outbound, '/chunked', data, 7_000)).toBe(200);
    const copy = await waitFor(() => bed!.v2!.requests.find((r) => r.settled), 'the settled copy');
    expect(copy.sha256).toBe(sha256(data));
    expect(bed.v1.requests[0]!.sha256).toBe(sha256(data));
  });

  it('skips a body over the cap (known from content-length) and counts it, the primary unaffected', async () => {
    bed = await startMirrorMesh({ mirror: { maxBodyBytes: 1000 } });
    const atCap = body(1000, 1);
    const overCap = body(1001, 2);
    expect(
      (await viaProxy(bed.outbound, 'http://httpbin:8000/a', { method: 'POST', body: atCap })).status,
    ).toBe(200);
    const res = await viaProxy(bed.outbound, 'http://httpbin:8000/b', { method: 'POST', body: overCap });
    expect(JSON.parse(res.text).sha256).toBe(sha256(overCap));
    await waitFor(() => bed!.proxy.mirrorStats().totals['mirrored-ok'] === 1, 'the copy at the cap');
    expect(bed.proxy.mirrorStats().totals['too-large']).toBe(1);
    expect(bed.v2!.requests.map((r) => r.url)).toEqual(['/a']);
  });

  it('resets a chunked copy when it crosses the cap, never presenting it as complete', async () => {
    bed = await startMirrorMesh({ mirror: { maxBodyBytes: 10_000 } });
    const data = body(50_000, 3);
    const [host, port] = bed.outbound.split(':');
    const done = new Promise<number>((resolve, reject) => {
      const req = request(
        { host, port: Number(port), method: 'POST', path: 'http://httpbin:8000/big', agent: false },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(data.subarray(0, 6_000));
      // The rest only once the copy has started, so the cap is crossed mid-copy.
      waitFor(() => bed!.v2!.requests[0]?.bytes === 6_000, 'the first bytes at the mirror').then(
        () => req.end(data.subarray(6_000)),
        reject,
      );
    });
    expect(await done).toBe(200);
    expect(bed.v1.requests[0]!.sha256).toBe(sha256(data));
    await waitFor(() => bed!.proxy.mirrorStats().totals['too-large'] === 1, 'too-large counted');
    const copy = await waitFor(() => bed!.v2!.requests.find((r) => r.settled), 'the copy settled');
    expect(copy.complete).toBe(false);
    expect(copy.bytes).toBeLessThanOrEqual(10_000);
    expect(bed.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);
  });
});

describe('client abort and stalled mirrors (P1 upload path, P10)', () => {
  it('resets the copy when the client goes away mid-body', async () => {
    bed = await startMirrorMesh();
    const [host, port] = bed.outbound.split(':');
    const req = request({
      host,
      port: Number(port),
      method: 'PUT',
      path: 'http://httpbin:8000/upload',
      headers: { 'content-length': 100_000 },
      agent: false,
    });
    req.on('error', () => {});
    req.write(body(50_000, 4));
    await waitFor(() => bed!.v2!.requests[0]?.bytes === 50_000, 'half the body at the mirror');
    req.destroy();
    const copy = await waitFor(() => bed!.v2!.requests.find((r) => r.settled), 'the copy settled');
    expect(copy.complete).toBe(false);
    expect(copy.bytes).toBe(50_000);
    await waitFor(() => bed!.proxy.mirrorStats().totals.aborted === 1, 'aborted counted');
    await waitFor(() => bed!.v1.requests[0]?.settled, 'primary upstream reset');
    expect(bed.v1.requests[0]!.complete).toBe(false);
  });

  it('abandons a copy whose target stops reading, and the upload continues at full speed', async () => {
    const stalled: Behaviour = (req) => req.pause();
    bed = await startMirrorMesh({
      v2: stalled,
      mirror: { maxBodyBytes: 64 * 1024 * 1024 },
      start: { mirror: { backlogBytes: 256 * 1024 } },
    });
    const data = body(16 * 1024 * 1024, 5);
    expect(await chunkedPost(bed.outbound, '/upload', data, 64 * 1024)).toBe(200);
    expect(bed.v1.requests[0]!.sha256).toBe(sha256(data));
    await waitFor(
      () => bed!.proxy.mirrorStats().totals['dropped-at-cap'] === 1,
      'the stalled copy abandoned',
    );
    expect(bed.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);
  });
});
