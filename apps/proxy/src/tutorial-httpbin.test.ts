// Acceptance: Istio's httpbin mirroring tutorial, unchanged YAML, v1 and v2 behind sidecars, a client
// sidecar, driven by a control plane speaking the wire protocol (and once standalone from a file).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { ProxyConfigSnapshot } from '@shadowmesh/api';
import { parseManifests } from '@shadowmesh/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';
import type { TestControlPlane } from './testing/test-control-plane.js';
import { startTestControlPlane } from './testing/test-control-plane.js';

const tutorial = (name: string) => readFile(new URL(`../../../tutorials/${name}`, import.meta.url), 'utf8');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let cp: TestControlPlane;
let app1: RecordingServer;
let app2: RecordingServer;
let v1: ProxyHandle;
let v2: ProxyHandle;
let sleep: ProxyHandle;

function sidecar(workload: string, labels: string, app: RecordingServer | null): Promise<ProxyHandle> {
  const flags = {
    controlPlane: cp.url,
    workload,
    labels,
    inbound: '127.0.0.1:0',
    outbound: '127.0.0.1:0',
    admin: '127.0.0.1:0',
    ...(app ? { app: app.address } : {}),
  };
  return startSidecar(parseSidecarFlags(flags, {}), { logger: silentLogger, telemetryIntervalMs: 50 });
}

async function push(version: string, yaml: string[]): Promise<void> {
  const parsed = parseManifests(yaml.join('\n---\n'));
  expect(parsed.errors).toEqual([]);
  expect(parsed.skipped.map((s) => s.kind).sort()).toEqual(['Deployment', 'Deployment', 'Deployment']);
  const snapshot: ProxyConfigSnapshot = { version, resources: parsed.resources, endpoints: cp.endpoints() };
  for (const conn of cp.connections) conn.pushConfig(snapshot);
  for (const conn of cp.connections) expect((await conn.answerFor(version)).type).toBe('ack');
}

beforeAll(async () => {
  cp = await startTestControlPlane();
  app1 = await startRecordingServer();
  app2 = await startRecordingServer();
  v1 = await sidecar('httpbin-v1', 'app=httpbin,version=v1', app1);
  v2 = await sidecar('httpbin-v2', 'app=httpbin,version=v2', app2);
  sleep = await sidecar('sleep', 'app=sleep', null);
  await waitFor(() => cp.connections.filter((c) => c.hello).length === 3, 'three proxies registered');
});

afterAll(async () => {
  for (const p of [sleep, v1, v2]) await p?.close();
  await cp.close();
  await app1.close();
  await app2.close();
});

describe('the httpbin mirroring tutorial', () => {
  it('routes everything to v1 with httpbin-route-v1.yaml', async () => {
    await push('1', [await tutorial('httpbin-workloads.yaml'), await tutorial('httpbin-route-v1.yaml')]);
    const res = await viaProxy(sleep.addresses.outbound as string, 'http://httpbin:8000/headers');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).headers.host).toBe('httpbin:8000');
    expect(app1.requests.map((r) => r.url)).toEqual(['/headers']);
    expect(app2.requests).toHaveLength(0);
  });

  it('with httpbin-mirror.yaml, the client gets v1 and v2 sees the same request with Host httpbin-shadow:8000', async () => {
    const routeV1 = await tutorial('httpbin-route-v1.yaml');
    const destinationRule = routeV1.split(/^---$/m)[1] as string;
    await push('2', [
      await tutorial('httpbin-workloads.yaml'),
      destinationRule,
      await tutorial('httpbin-mirror.yaml'),
    ]);
    const body = JSON.stringify({ hello: 'mirror' });
    const res = await viaProxy(sleep.addresses.outbound as string, 'http://httpbin:8000/anything?x=1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).sha256).toBe(sha256(body));
    const copy = await waitFor(() => app2.requests.find((r) => r.settled), 'the mirrored request at v2');
    expect(copy.method).toBe('POST');
    expect(copy.url).toBe('/anything?x=1');
    expect(copy.sha256).toBe(sha256(body));
    expect(copy.headers.host).toBe('httpbin-shadow:8000');
    expect(copy.headers['x-shadowmesh-shadow']).toBe('1');
    expect(copy.headers['x-shadowmesh-peer']).toBeUndefined();
    const primary = app1.requests.at(-1)!;
    expect(copy.headers['x-request-id']).toBe(primary.headers['x-request-id']);

    // v2's sidecar logged the copy as received; v1's the primary.
    const logged = await waitFor(
      () => v2.accessLog().find((e) => e.path === '/anything?x=1'),
      'v2 access log',
    );
    expect(logged).toMatchObject({
      method: 'POST',
      authority: 'httpbin-shadow:8000',
      status: 200,
      shadow: true,
      sourceWorkload: 'sleep',
    });
    expect(v1.accessLog().at(-1)).toMatchObject({ authority: 'httpbin:8000', shadow: false });
    const logs = await (await fetch(`http://${v2.addresses.admin}/logs`)).text();
    expect(
      logs
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).authority),
    ).toContain('httpbin-shadow:8000');
  });

  it('reports the mirror hop from the sending proxy and from the receiving one', async () => {
    await waitFor(
      () =>
        sleep
          .telemetry()
          .edges.some((e) => e.key.requestType === 'mirror' && e.key.destinationVersion === 'v2'),
      'source-reported mirror edge',
    );
    const mirrorEdge = sleep.telemetry().edges.find((e) => e.key.requestType === 'mirror')!;
    expect(mirrorEdge.key).toMatchObject({
      reporter: 'source',
      sourceWorkload: 'sleep',
      destinationService: 'httpbin.default.svc.cluster.local',
      destinationWorkload: 'httpbin-v2',
      responseCode: 200,
    });
    const received = v2.telemetry().edges.find((e) => e.key.requestType === 'mirror')!;
    expect(received.key).toMatchObject({
      reporter: 'destination',
      sourceWorkload: 'sleep',
      sourceApp: 'sleep',
      destinationService: 'httpbin.default.svc.cluster.local',
      destinationWorkload: 'httpbin-v2',
      destinationVersion: 'v2',
    });
    const prom = await (await fetch(`http://${sleep.addresses.admin}/stats/prometheus`)).text();
    expect(prom).toMatch(
      /istio_requests_total\{reporter="source",source_workload="sleep",[^}]*destination_workload="httpbin-v2",[^}]*request_type="mirror"\} 1/,
    );
  });
});

describe('the httpbin tutorial standalone (--config FILE, reloaded on change)', () => {
  it('applies the file, then the mirror once the file changes', async () => {
    const entries = [
      workloadEntry('httpbin-v1', v1.addresses.inbound as string, { app: 'httpbin', version: 'v1' }),
      workloadEntry('httpbin-v2', v2.addresses.inbound as string, { app: 'httpbin', version: 'v2' }),
    ];
    const file = await writeMeshFile(
      await tutorial('httpbin-workloads.yaml'),
      await tutorial('httpbin-route-v1.yaml'),
      ...entries,
    );
    const flags = {
      workload: 'sleep2',
      labels: 'app=sleep2',
      inbound: '127.0.0.1:0',
      outbound: '127.0.0.1:0',
      config: file,
    };
    const client = await startSidecar(parseSidecarFlags(flags, {}), {
      logger: silentLogger,
      watchConfigFile: true,
    });
    try {
      const first = client.configVersion();
      expect(first).toMatch(/^file-[0-9a-f]{12}$/);
      const before = app2.requests.length;
      expect(
        (await viaProxy(client.addresses.outbound as string, 'http://httpbin:8000/status/200')).status,
      ).toBe(200);
      expect(app2.requests.length).toBe(before);
      const routeV1 = await tutorial('httpbin-route-v1.yaml');
      await writeFile(
        file,
        [
          await tutorial('httpbin-workloads.yaml'),
          routeV1.split(/^---$/m)[1],
          await tutorial('httpbin-mirror.yaml'),
          ...entries,
        ].join('\n---\n'),
      );
      await waitFor(() => client.configVersion() !== first, 'the changed file applied');
      await viaProxy(client.addresses.outbound as string, 'http://httpbin:8000/after-reload');
      const copy = await waitFor(
        () => app2.requests.find((r) => r.url === '/after-reload'),
        'the copy at v2',
      );
      expect(copy.headers.host).toBe('httpbin-shadow:8000');
    } finally {
      await client.close();
    }
  });
});
