import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { silentLogger } from './testing/mesh-files.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh, V2_CLUSTER } from './testing/mirror-mesh.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

// biome-ignore lint/suspicious/noExplicitAny: a JSON document read field by field in assertions.
type ConfigDump = Record<string, any>;

let bed: MirrorMesh;
let app: RecordingServer;
let server: ProxyHandle;
const admin = (p: ProxyHandle, path: string) => fetch(`http://${p.addresses.admin}${path}`);

beforeAll(async () => {
  bed = await startMirrorMesh();
  app = await startRecordingServer();
  // A sidecar in front of an app whose control plane never answers: no config, but its inbound works.
  server = await startSidecar(
    parseSidecarFlags(
      {
        workload: 'web',
        labels: 'app=web',
        app: app.address,
        inbound: '127.0.0.1:0',
        outbound: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        controlPlane: 'http://127.0.0.1:1',
      },
      {},
    ),
    { logger: silentLogger, reconnect: { baseMs: 1000, maxMs: 1000 } },
  );
});

afterAll(async () => {
  await server.close();
  await app.close();
  await bed.close();
});

describe('admin listener', () => {
  it('/ready is 200 with a config and 503 without one', async () => {
    expect((await admin(bed.proxy, '/ready')).status).toBe(200);
    expect((await admin(server, '/ready')).status).toBe(503);
  });

  it('/config_dump shows the version, the route table and mirror accounting', async () => {
    await viaProxy(bed.outbound, 'http://httpbin:8000/x');
    await waitFor(() => bed.proxy.mirrorStats().totals['mirrored-ok'] === 1, 'a mirrored copy');
    const dump = (await (await admin(bed.proxy, '/config_dump')).json()) as ConfigDump;
    expect(dump.version).toBe(bed.proxy.configVersion());
    expect(dump.routeTable).toBeTruthy();
    expect(dump.controlPlane.mode).toBe('standalone');
    expect(dump.mirror.totals['mirrored-ok']).toBe(1);
    expect(dump.mirror.inFlight[V2_CLUSTER]).toBe(0);
    expect(dump.mirror.breakers[V2_CLUSTER]).toBe('closed');
    expect(dump.proxy.kind).toBe('sidecar');
  });

  it('/stats/prometheus serves Istio metric names in the Prometheus text format', async () => {
    const res = await admin(bed.proxy, '/stats/prometheus');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
    expect(text).toMatch(
      /istio_requests_total\{reporter="source",source_workload="sleep",[^}]*destination_workload="httpbin-v1",[^}]*response_code="200",[^}]*request_type="primary"\} \d+/,
    );
    expect(text).toContain(`shadowmesh_mirror_in_flight{destination_cluster="${V2_CLUSTER}"} 0`);
  });

  it('/logs serves the inbound access log as JSON lines, paged by seq', async () => {
    for (const path of ['/a', '/b', '/c'])
      await fetch(`http://${server.addresses.inbound}${path}`, { headers: { 'x-request-id': `id${path}` } });
    const lines = (await (await admin(server, '/logs?since=1')).text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.path, l.status, l.requestId])).toEqual([
      ['/b', 200, 'id/b'],
      ['/c', 200, 'id/c'],
    ]);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      authority: server.addresses.inbound,
      shadow: false,
      flags: '-',
    });
    expect((await admin(server, '/logs?since=-1')).status).toBe(400);
    expect((await admin(bed.proxy, '/nope')).status).toBe(404);
  });

  it('/memory shows RSS, the heap by space, memory outside it and the GCs since it was first asked', async () => {
    const first = (await (await admin(bed.proxy, '/memory')).json()) as ConfigDump;
    expect(first.rssBytes).toBeGreaterThan(first.heapUsedBytes);
    expect(first.heapTotalBytes).toBeGreaterThanOrEqual(first.heapUsedBytes);
    expect(first.spaces.new_space.sizeBytes).toBeGreaterThan(0);
    expect(first.spaces.old_space.usedBytes).toBeGreaterThan(0);
    expect(typeof first.externalBytes).toBe('number');
    expect(first.gc.minor).toEqual({ count: expect.any(Number), ms: expect.any(Number) });
    // Young garbage in this process (the proxy runs in it): the observer soon sees a scavenge.
    await waitFor(async () => {
      const garbage: unknown[] = [];
      for (let i = 0; i < 100_000; i++) garbage.push({ i });
      const now = (await (await admin(bed.proxy, '/memory')).json()) as ConfigDump;
      return now.gc.since === first.gc.since && now.gc.minor.count > first.gc.minor.count;
    }, 'a scavenge counted');
  });
});
