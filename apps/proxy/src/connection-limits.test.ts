// DestinationRule `connectionPool` enforced as Envoy does, through a real sidecar and real upstreams:
// `tcp.maxConnections` with `http.http1MaxPendingRequests` (then 503 UO, counted), `maxRequestsPerConnection`,
// `tcp.connectTimeout` (503 UF), and the fields not enforced reported in the config dump.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { direct, viaProxy, waitFor } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { RecordingServer } from './testing/recording-server.js';
import { echo, hang, startRecordingServer } from './testing/recording-server.js';
import { type BlackholeListener, startBlackholeListener } from './testing/unreachable-ports.js';

function service(name: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: ${name}
`;
}

function destinationRule(host: string, connectionPool: string): string {
  return `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ${host}
spec:
  host: ${host}
  trafficPolicy:
    connectionPool:
${connectionPool}`;
}

let proxy: ProxyHandle;
let limited: RecordingServer;
let perConnection: RecordingServer;
let blackhole: BlackholeListener;
let primary: RecordingServer;
let shadow: RecordingServer;
let out: string;
/** Answers held by the `limited` upstream until the test lets them go. */
const held: ServerResponse[] = [];
let inFlight = 0;
let mostInFlight = 0;
const remotePorts: number[] = [];

beforeAll(async () => {
  limited = await startRecordingServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    res.on('finish', () => inFlight--);
    req.resume();
    held.push(res);
  });
  perConnection = await startRecordingServer((req, res, recorded) => {
    remotePorts.push(req.socket.remotePort as number);
    echo(req, res, recorded);
  });
  blackhole = await startBlackholeListener();
  primary = await startRecordingServer();
  shadow = await startRecordingServer(hang);
  const file = await writeMeshFile(
    service('limited'),
    destinationRule(
      'limited',
      '      tcp:\n        maxConnections: 1\n      http:\n        http1MaxPendingRequests: 1\n',
    ),
    workloadEntry('limited-v1', limited.address, { app: 'limited' }),
    service('percon'),
    destinationRule('percon', '      http:\n        maxRequestsPerConnection: 2\n'),
    workloadEntry('percon-v1', perConnection.address, { app: 'percon' }),
    service('slowconnect'),
    destinationRule('slowconnect', '      tcp:\n        connectTimeout: 200ms\n        idleTimeout: 1h\n'),
    workloadEntry('slowconnect-v1', blackhole.address, { app: 'slowconnect' }),
    service('shadowed'),
    SHADOWED_RULES,
    workloadEntry('shadowed-v1', primary.address, { app: 'shadowed', version: 'v1' }),
    workloadEntry('shadowed-v2', shadow.address, { app: 'shadowed', version: 'v2' }),
  );
  proxy = await startSidecar(clientSidecar(file), { logger: silentLogger });
  out = proxy.addresses.outbound as string;
});

afterAll(async () => {
  for (const res of held.splice(0)) res.end();
  await proxy.close();
  await limited.close();
  await perConnection.close();
  await blackhole.close();
  await primary.close();
  await shadow.close();
});

/** One metric's value for a cluster from the admin port's Prometheus text. */
function metric(name: string, cluster: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`http://${proxy.addresses.admin}/stats/prometheus`, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
      });
      res.on('end', () => {
        const line = text.split('\n').find((l) => l.startsWith(`${name}{destination_cluster="${cluster}"}`));
        resolve(line === undefined ? 0 : Number(line.split(' ').pop()));
      });
    })
      .on('error', reject)
      .end();
  });
}

const LIMITED = 'outbound|8000||limited.default.svc.cluster.local';

/** shadowed: all to v1, mirrored to v2, whose subset allows one connection. */
const SHADOWED_RULES = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: shadowed
spec:
  host: shadowed
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
    trafficPolicy:
      connectionPool:
        tcp:
          maxConnections: 1
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shadowed
spec:
  hosts:
  - shadowed
  http:
  - route:
    - destination:
        host: shadowed
        subset: v1
    mirror:
      host: shadowed
      subset: v2
`;

describe('DestinationRule connectionPool', () => {
  it('holds requests past tcp.maxConnections as pending, and answers 503 UO past http1MaxPendingRequests', async () => {
    const first = viaProxy(out, 'http://limited:8000/a');
    await waitFor(() => limited.requests.length === 1, 'the first request upstream');
    const second = viaProxy(out, 'http://limited:8000/b');
    await waitFor(async () => (await metric('shadowmesh_upstream_rq_pending', LIMITED)) === 1, 'one pending');
    const third = await viaProxy(out, 'http://limited:8000/c');
    expect(third.status).toBe(503);
    expect(third.headers['x-shadowmesh-response-flags']).toBe('UO');
    expect(third.text).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: overflow\n',
    );
    expect(await metric('shadowmesh_upstream_rq_pending_overflow_total', LIMITED)).toBe(1);
    // The pending request goes out only once the first one's connection is free.
    expect(limited.requests.map((r) => r.url)).toEqual(['/a']);
    held.shift()?.end('a');
    expect((await first).status).toBe(200);
    await waitFor(() => limited.requests.length === 2, 'the pending request upstream');
    expect(limited.requests.map((r) => r.url)).toEqual(['/a', '/b']);
    held.shift()?.end('b');
    expect((await second).text).toBe('b');
    expect(mostInFlight).toBe(1);
    expect(await metric('shadowmesh_upstream_rq_pending', LIMITED)).toBe(0);
    const overflowed = proxy.telemetry().edges.filter((e) => e.key.responseFlags === 'UO');
    expect(overflowed.map((e) => [e.key.responseCode, e.requests])).toEqual([[503, 1]]);
  });

  it("drops mirror copies past the mirror subset's maxConnections, never queueing them or slowing the primary", async () => {
    for (let i = 0; i < 4; i++) expect((await viaProxy(out, `http://shadowed:8000/m${i}`)).status).toBe(200);
    // The first copy hangs in the only slot; the other three are dropped at once.
    await waitFor(() => shadow.requests.length === 1, 'the first copy upstream');
    expect(primary.requests).toHaveLength(4);
    expect(proxy.mirrorStats().totals['dropped-at-cap']).toBe(3);
    const V2 = 'outbound|8000|v2|shadowed.default.svc.cluster.local';
    expect(await metric('shadowmesh_upstream_rq_pending_overflow_total', V2)).toBe(3);
    expect(await metric('shadowmesh_upstream_rq_pending', V2)).toBe(0);
    expect(shadow.requests).toHaveLength(1);
  });

  it('closes a connection after http.maxRequestsPerConnection requests', async () => {
    for (let i = 0; i < 6; i++) expect((await viaProxy(out, `http://percon:8000/r${i}`)).status).toBe(200);
    expect(remotePorts).toHaveLength(6);
    // Two requests a connection: three connections, each used twice in a row.
    expect(new Set(remotePorts).size).toBe(3);
    for (let i = 0; i < 6; i += 2) expect(remotePorts[i]).toBe(remotePorts[i + 1]);
  });

  it('fails a connect slower than tcp.connectTimeout as 503 UF', async () => {
    const started = Date.now();
    const res = await viaProxy(out, 'http://slowconnect:8000/x');
    expect(res.status).toBe(503);
    expect(res.headers['x-shadowmesh-response-flags']).toMatch(/^UF(,URX)?$/);
    // Three tries (Istio's default two retries on connect-failure) of 200 ms, far below the 10 s default.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports the fields it does not enforce in the config dump, never silently', async () => {
    const dump = (await direct(proxy.addresses.admin as string, '/config_dump')).text;
    expect(dump).toContain('connectionPool.tcp.idleTimeout (not enforced)');
    expect(dump).toContain('"maxRequestsPerConnection": 2');
  });
});
