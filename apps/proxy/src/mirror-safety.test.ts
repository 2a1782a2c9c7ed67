// Mirror safety (mirror-tools.md P1, P2, P3, P7): the primary never waits for a mirror; in-flight copies
// are capped; copies time out; a breaker stops copies to a dead target; every outcome is counted.
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { totalOutcomes } from '@shadowmesh/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh, V2_CLUSTER } from './testing/mirror-mesh.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { Behaviour } from './testing/recording-server.js';
import { answer, echo, hang } from './testing/recording-server.js';

let bed: MirrorMesh | null = null;
afterEach(async () => {
  await bed?.close();
  bed = null;
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the primary path never waits for a mirror (P1)', () => {
  it('100 sequential requests on one keep-alive connection complete while the mirror accepts and never answers', async () => {
    bed = await startMirrorMesh({ v2: hang });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<Socket>();
    for (let i = 0; i < 100; i++) {
      const res = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: Number(bed!.outbound.split(':')[1]),
            path: `http://httpbin:8000/n/${i}`,
            agent,
          },
          (r) => {
            r.resume();
            r.on('end', () => resolve(r.statusCode ?? 0));
          },
        );
        req.on('socket', (s) => sockets.add(s as Socket));
        req.on('error', reject);
        req.end();
      });
      expect(res).toBe(200);
    }
    agent.destroy();
    expect(sockets.size).toBe(1);
    expect(bed.v1.requests).toHaveLength(100);
    // Every copy reached the mirror and none has been answered: the client never waited for one.
    await waitFor(() => bed!.v2!.requests.length === 100, '100 copies at the mirror');
    expect(bed.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(100);
  });
});

describe('bounds on mirror copies (P2, P3)', () => {
  it('drops and counts copies beyond the in-flight cap of a target', async () => {
    bed = await startMirrorMesh({ v2: hang, mirror: { maxInFlight: 3 } });
    for (let i = 0; i < 10; i++)
      expect((await viaProxy(bed.outbound, 'http://httpbin:8000/get')).status).toBe(200);
    const stats = bed.proxy.mirrorStats();
    expect(stats.inFlight[V2_CLUSTER]).toBe(3);
    expect(stats.totals['dropped-at-cap']).toBe(7);
    await waitFor(() => bed!.v2!.requests.length === 3, 'three copies at the mirror');
    expect(bed.v2!.requests).toHaveLength(3);
  });

  it('times a copy out on its own timeout and frees its slot', async () => {
    bed = await startMirrorMesh({ v2: hang, mirror: { timeout: '200ms' } });
    for (let i = 0; i < 3; i++)
      expect((await viaProxy(bed.outbound, 'http://httpbin:8000/get')).status).toBe(200);
    await waitFor(() => bed!.proxy.mirrorStats().totals['timed-out'] === 3, 'three timed-out copies');
    expect(bed.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);
    const text = await (await fetchAdmin(bed, '/stats/prometheus')).text;
    expect(text).toContain(
      `shadowmesh_mirror_requests_total{destination_cluster="${V2_CLUSTER}",outcome="timed-out"} 3`,
    );
    expect(text).toMatch(
      /istio_requests_total\{reporter="source",[^}]*destination_version="v2",[^}]*response_flags="UT",[^}]*request_type="mirror"\} 3/,
    );
  });

  it('opens a breaker after repeated connect failures, skips copies while open, and closes when the target is back', async () => {
    const port = await freePort();
    bed = await startMirrorMesh({
      v2Address: `127.0.0.1:${port}`,
      start: { mirror: { breaker: { threshold: 3, openMs: 200, maxOpenMs: 200 } } },
    });
    for (let i = 1; i <= 3; i++) {
      expect((await viaProxy(bed.outbound, 'http://httpbin:8000/get')).status).toBe(200);
      await waitFor(() => bed!.proxy.mirrorStats().totals['mirrored-error'] === i, `connect failure ${i}`);
    }
    for (let i = 0; i < 5; i++)
      expect((await viaProxy(bed.outbound, 'http://httpbin:8000/get')).status).toBe(200);
    expect(bed.proxy.mirrorStats().totals['breaker-open']).toBe(5);
    expect(bed.proxy.mirrorStats().inFlight[V2_CLUSTER]).toBe(0);

    const back = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => back.listen(port, '127.0.0.1', resolve));
    try {
      let sent = 8;
      await waitFor(
        async () => {
          sent++;
          await viaProxy(bed!.outbound, 'http://httpbin:8000/get');
          return bed!.proxy.mirrorStats().totals['mirrored-ok'] >= 1;
        },
        'a probe copy that succeeds',
        10_000,
      );
      for (let i = 0; i < 5; i++) await viaProxy(bed.outbound, 'http://httpbin:8000/get');
      sent += 5;
      await waitFor(() => bed!.proxy.mirrorStats().totals['mirrored-ok'] >= 6, 'copies flowing again');
      await waitFor(() => totalOutcomes(bed!.proxy.mirrorStats().totals) === sent, 'every copy counted');
    } finally {
      back.closeAllConnections();
      await new Promise<void>((resolve) => back.close(() => resolve()));
    }
  });
});

describe('accounting (P7)', () => {
  it('counts every eligible request exactly once, and the outcomes add up', async () => {
    const byPath: Behaviour = (req, res, recorded) => {
      if (req.url?.startsWith('/err')) return answer(500)(req, res, recorded);
      if (req.url?.startsWith('/hang') || req.url?.startsWith('/abort')) return hang(req, res, recorded);
      return echo(req, res, recorded);
    };
    bed = await startMirrorMesh({
      v2: byPath,
      percentage: 50,
      mirror: { maxBodyBytes: 1000, timeout: '300ms' },
      start: { random: mulberry32(1234) },
    });
    const out = bed.outbound;
    let eligible = 0;
    const get = async (path: string) => {
      eligible++;
      expect((await viaProxy(out, `http://httpbin:8000${path}`)).status).toBe(200);
    };
    for (let i = 0; i < 40; i++) await get(`/ok/${i}`);
    for (let i = 0; i < 20; i++) await get(`/err/${i}`);
    for (let i = 0; i < 10; i++) await get(`/hang/${i}`);
    for (let i = 0; i < 10; i++) {
      eligible++;
      const res = await viaProxy(out, `http://httpbin:8000/big/${i}`, {
        method: 'POST',
        body: Buffer.alloc(2000, 1),
      });
      expect(res.status).toBe(200);
    }
    for (let i = 0; i < 6; i++) {
      eligible++;
      await abortMidBody(bed, `/abort/${i}`);
    }
    await waitFor(() => totalOutcomes(bed!.proxy.mirrorStats().totals) === eligible, 'every outcome counted');
    await waitFor(() => bed!.proxy.mirrorStats().inFlight[V2_CLUSTER] === 0, 'no copy left in flight');
    const t = bed.proxy.mirrorStats().totals;
    const seen = (prefix: string) => bed!.v2!.requests.filter((r) => r.url.startsWith(prefix)).length;
    expect(totalOutcomes(t)).toBe(eligible);
    expect(t['mirrored-ok']).toBe(seen('/ok'));
    expect(t['mirrored-error']).toBe(seen('/err'));
    expect(t['timed-out']).toBe(seen('/hang'));
    expect(t.aborted).toBe(seen('/abort'));
    expect(seen('/big')).toBe(0);
    expect(t['too-large'] + t['sampled-out']).toBe(eligible - bed.v2!.requests.length);
    for (const outcome of [
      'mirrored-ok',
      'mirrored-error',
      'timed-out',
      'too-large',
      'aborted',
      'sampled-out',
    ] as const) {
      expect(t[outcome], outcome).toBeGreaterThan(0);
    }
    // 86 fair draws: sampled-out within 4σ of 43.
    expect(Math.abs(t['sampled-out'] - eligible / 2)).toBeLessThanOrEqual(4 * Math.sqrt(eligible / 4));
  });
});

/** Sends half of a body, waits until a mirror copy of it (if sampled) has started, then resets the connection. */
async function abortMidBody(mesh: MirrorMesh, path: string): Promise<void> {
  const [host, port] = mesh.outbound.split(':');
  const v1Before = mesh.v1.requests.length;
  const req = request({
    host,
    port: Number(port),
    method: 'POST',
    path: `http://httpbin:8000${path}`,
    headers: { 'content-length': 800 },
    agent: false,
  });
  req.on('error', () => {});
  req.write(Buffer.alloc(400, 2));
  await waitFor(
    () => mesh.v1.requests.length > v1Before && mesh.v1.requests.at(-1)!.bytes === 400,
    'half a body upstream',
  );
  await new Promise((r) => setTimeout(r, 20));
  req.destroy();
  await waitFor(() => mesh.v1.requests.at(-1)!.settled, 'the primary upstream saw the reset');
}

async function fetchAdmin(mesh: MirrorMesh, path: string) {
  const res = await fetch(`http://${mesh.proxy.addresses.admin}${path}`);
  return { status: res.status, text: res.text() };
}
