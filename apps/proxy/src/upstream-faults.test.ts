// Upstream faults (issue #12): an upstream that resets mid-response, resets before answering, holds a
// half-open connection, answers a burst of 503s, drips its body, or closes right after the head. Retries
// and outlier detection act as configured, and every outcome is counted, as in Istio with two sidecars:
//
//   raw client → sidecar `sleep` (outbound: routes, retries, timeouts, outlier detection, mirrors)
//              → sidecar `faults` (inbound: access log, reporter="destination") → a faulty raw `net` app
//
// The server-side sidecar keeps the access log (the outbound listener keeps none, as README says); the
// client side is asserted through its telemetry and `/stats/prometheus`. Mirror targets are raw faulty
// servers reached directly by the client sidecar, always with 100 % mirroring.
//
// Flag choices (Envoy's, from router.cc and the HTTP/1 codec): an HTTP/1.1 upstream connection that
// breaks (RST or FIN) is `ConnectionTermination` → `UC` (Envoy's `UR` is an HTTP/2 RST_STREAM, which
// HTTP/1.1 cannot send). Before the head went out: a 503 local reply; after: the downstream is reset, the
// upstream's status kept, flag `UC`. A premature FIN after the head is a termination too (not `UPE`: the
// bytes that came were well-formed). The route timeout covers the whole response: after the head it resets
// the downstream (status kept, `UT`); before it, 504 UT. A retriable answer forwarded because the retries
// ran out carries `URX` (router.cc `NoRetryLimitExceeded` → `UpstreamRetryLimitExceeded`). A reset before
// any byte is not retried under Istio's default `retryOn` (no `reset` in it) but is under `retryOn: reset`;
// through a server sidecar it reaches the client sidecar as a 503 UC local reply, which the default policy
// does retry (`retriable-status-codes` 503).
//
// Already covered elsewhere, not repeated here: a FIN mid-body → aborted, UC edge (upstream-client); a
// close without answering on a fresh connection → 503 UC, and the silent once-only retry of a pooled
// connection (upstream-client); malformed answers → UPE (upstream-protocol-error, response-splitting);
// 504 UT on a hanging upstream and retries of 5xx / per-try timeouts (failures); a mirror that breaks
// off, never answers, or answers 5xx (mirror-client, mirror-safety); mid-body close with a slow client
// (backpressure); outlier detection's arithmetic (packages/routing cluster.test).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSidecarFlags } from './config.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import type { Fault, FaultyUpstream } from './testing/faulty-upstream.js';
import { startFaultyUpstream } from './testing/faulty-upstream.js';
import { direct, waitFor } from './testing/http-client.js';
import {
  clientSidecar,
  httpbinMirror,
  meshConfig,
  silentLogger,
  workloadEntry,
  writeMeshFile,
} from './testing/mesh-files.js';
import { rawExchange, splitResponses } from './testing/raw-client.js';

const DRIP_BODY = 'abcdefgh'; // 8 bytes, one per 200 ms: 1.6 s in all
const DRIP_MS = 200;

/** The fault named by the path's segment after `skip` leading segments (`/reset-mid/x` → reset-mid). */
function faultNamed(name: string | undefined, path: string): Fault {
  switch (name) {
    case 'reset-mid':
      return { kind: 'reset-mid-body', declared: 1000, sent: 'partial-body' };
    case 'reset-early':
      return { kind: 'reset-before-response' };
    case 'half-open':
      return { kind: 'half-open' };
    case 'drip':
    case 'drip-cut':
      return { kind: 'drip', body: DRIP_BODY, everyMs: DRIP_MS };
    case 'drip-late':
      return { kind: 'drip', body: DRIP_BODY, everyMs: DRIP_MS, headDelayMs: 1_000 };
    case 'close-after-head':
      return { kind: 'close-after-head', declared: 100 };
    case '503':
      return { kind: 'status', status: 503 };
    default:
      return { kind: 'ok', body: `ok ${path}` };
  }
}

const segments = (path: string) => path.split('?')[0]?.split('/').slice(1) ?? [];
const burstHits = new Map<string, number>();

/** The faulty app behind the `faults` sidecar: `/mirrored/…` is healthy (its mirror is the faulty one). */
function primaryFault(req: { path: string }): Fault {
  const [first, second] = segments(req.path);
  if (first === 'mirrored') return { kind: 'ok', body: `primary ${req.path}` };
  if (first === 'shadowed-primary') return faultNamed(second, req.path);
  if (first === 'burst') {
    // /burst/<k>/<id>: the first k attempts of each id answer 503.
    const n = (burstHits.get(req.path) ?? 0) + 1;
    burstHits.set(req.path, n);
    return n <= Number(second) ? { kind: 'status', status: 503 } : { kind: 'ok', body: `ok ${req.path}` };
  }
  return faultNamed(first, req.path);
}

/** The mirror target: faulty on `/mirrored/<fault>/…`, healthy otherwise. */
function shadowFault(req: { path: string }): Fault {
  const [first, second] = segments(req.path);
  return first === 'mirrored' ? faultNamed(second, req.path) : { kind: 'ok', body: `shadow ${req.path}` };
}

const SHADOW_CLUSTER = 'outbound|8000|shadow|faults.default.svc.cluster.local';
const FLAKY_CLUSTER = 'outbound|8000||flaky.default.svc.cluster.local';

function service(name: string): string {
  return `apiVersion: v1
kind: Service
metadata: { name: ${name} }
spec:
  ports: [{ name: http, port: 8000, targetPort: 80 }]
  selector: { app: ${name} }
`;
}

const ROUTES = `${service('faults')}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: faults }
spec:
  host: faults
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: shadow, labels: { version: shadow } }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: faults }
spec:
  hosts: [faults]
  http:
  - match: [{ uri: { prefix: /half-open } }]
    timeout: 300ms
    route: [{ destination: { host: faults, subset: v1 } }]
  - match: [{ uri: { prefix: /drip-cut } }]
    timeout: 700ms
    route: [{ destination: { host: faults, subset: v1 } }]
  - match: [{ uri: { prefix: /drip-late } }]
    timeout: 300ms
    route: [{ destination: { host: faults, subset: v1 } }]
  - match: [{ uri: { prefix: /burst } }]
    retries: { attempts: 2, retryOn: 5xx }
    route: [{ destination: { host: faults, subset: v1 } }]
  - match: [{ uri: { prefix: /mirrored } }, { uri: { prefix: /shadowed-primary } }]
    route: [{ destination: { host: faults, subset: v1 } }]
    mirror: { host: faults, subset: shadow }
    mirrorPercentage: { value: 100 }
  - route: [{ destination: { host: faults, subset: v1 } }]
---
${service('direct')}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: direct }
spec:
  hosts: [direct]
  http:
  - match: [{ uri: { prefix: /retry-reset } }]
    retries: { attempts: 2, retryOn: reset }
    route: [{ destination: { host: direct } }]
  - route: [{ destination: { host: direct } }]
---
${service('flaky')}---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: flaky }
spec:
  host: flaky
  trafficPolicy:
    outlierDetection: { consecutive5xxErrors: 3, interval: 1s, baseEjectionTime: 30s }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: flaky }
spec:
  hosts: [flaky]
  http:
  - retries: { attempts: 0 }
    route: [{ destination: { host: flaky } }]
`;

let app: FaultyUpstream;
let shadowApp: FaultyUpstream;
let directApp: FaultyUpstream;
let badApp: FaultyUpstream;
let goodApp: FaultyUpstream;
let server: ProxyHandle;
let badServer: ProxyHandle;
let goodServer: ProxyHandle;
let client: ProxyHandle;
const closers: (() => Promise<void>)[] = [];

/** A server-side sidecar (inbound listener, access log) in front of `appAddress`. */
async function serverSidecar(workload: string, appAddress: string): Promise<ProxyHandle> {
  const file = await writeMeshFile(httpbinMirror(0));
  const proxy = await startSidecar(
    parseSidecarFlags(
      {
        workload,
        labels: `app=${workload},version=v1`,
        inbound: '127.0.0.1:0',
        outbound: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        app: appAddress,
        config: file,
      },
      {},
    ),
    { logger: silentLogger },
  );
  closers.push(proxy.close);
  return proxy;
}

beforeAll(async () => {
  app = await startFaultyUpstream(primaryFault);
  closers.push(app.close);
  shadowApp = await startFaultyUpstream(shadowFault);
  closers.push(shadowApp.close);
  directApp = await startFaultyUpstream((req) => {
    const [first, second] = segments(req.path);
    return faultNamed(first === 'retry-reset' ? second : first, req.path);
  });
  closers.push(directApp.close);
  badApp = await startFaultyUpstream(() => ({ kind: 'status', status: 503 }));
  closers.push(badApp.close);
  goodApp = await startFaultyUpstream((req) => ({ kind: 'ok', body: `good ${req.path}` }));
  closers.push(goodApp.close);
  server = await serverSidecar('faults', app.address);
  badServer = await serverSidecar('flaky-bad', badApp.address);
  goodServer = await serverSidecar('flaky-good', goodApp.address);
  const file = await writeMeshFile(
    ROUTES,
    workloadEntry('faults-v1', server.addresses.inbound as string, { app: 'faults', version: 'v1' }),
    workloadEntry('faults-shadow', shadowApp.address, { app: 'faults', version: 'shadow' }),
    workloadEntry('direct-v1', directApp.address, { app: 'direct' }),
    workloadEntry('flaky-bad', badServer.addresses.inbound as string, { app: 'flaky' }),
    workloadEntry('flaky-good', goodServer.addresses.inbound as string, { app: 'flaky' }),
    meshConfig({ timeout: '500ms' }),
  );
  client = await startSidecar(clientSidecar(file), { logger: silentLogger });
  closers.push(client.close);
}, 20_000);

afterAll(async () => {
  // Newest first: the proxies before the apps they forward to.
  while (closers.length > 0) await closers.pop()?.();
});

// --- helpers ---

interface Seen {
  status: number;
  flags: string | undefined;
  body: string;
  /** The body ended as its framing says. */
  complete: boolean;
  ms: number;
}

/** One request through the client sidecar on a raw socket (read until the proxy closes). */
async function send(host: string, path: string): Promise<Seen> {
  const started = Date.now();
  const wire = await rawExchange(
    client.addresses.outbound as string,
    `GET http://${host}:8000${path} HTTP/1.1\r\nhost: ${host}:8000\r\nconnection: close\r\n\r\n`,
  );
  const { responses } = splitResponses(wire);
  expect(responses.length).toBeLessThanOrEqual(1);
  const r = responses[0];
  return {
    status: r?.status ?? 0,
    flags: r?.headers['x-shadowmesh-response-flags']?.[0],
    body: r?.body.toString('latin1') ?? '',
    complete: r?.complete ?? false,
    ms: Date.now() - started,
  };
}

async function prometheus(proxy: ProxyHandle): Promise<string> {
  return (await direct(proxy.addresses.admin as string, '/stats/prometheus')).text;
}

/** The sum of `name` over the series whose labels include every one of `labels`. */
async function counter(proxy: ProxyHandle, name: string, labels: Record<string, string>): Promise<number> {
  const text = await prometheus(proxy);
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => inner.includes(`${k}="${v}"`)))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** `istio_requests_total` as the client sidecar reports it for `service`, `code` and `flags`. */
const sourceCount = (service: string, code: number, flags: string) =>
  counter(client, 'istio_requests_total', {
    reporter: 'source',
    destination_service_name: service,
    response_code: String(code),
    response_flags: flags,
    request_type: 'primary',
  });

/** `istio_requests_total` as a server sidecar reports it (reporter="destination"). */
const destinationCount = (proxy: ProxyHandle, code: number, flags: string) =>
  counter(proxy, 'istio_requests_total', {
    reporter: 'destination',
    response_code: String(code),
    response_flags: flags,
    request_type: 'primary',
  });

const mirrorCount = (outcome: string) =>
  counter(client, 'shadowmesh_mirror_requests_total', { destination_cluster: SHADOW_CLUSTER, outcome });

/** Waits until `read()` reaches `expected`, then checks it stays exact. */
async function counted(read: () => Promise<number>, expected: number, what: string): Promise<void> {
  await waitFor(async () => (await read()) >= expected, what);
  expect(await read()).toBe(expected);
}

/** The server sidecar's access log entries for `path`, once `n` are in. */
const accessLogFor = (proxy: ProxyHandle, path: string, n = 1) =>
  waitFor(() => {
    const entries = proxy.accessLog().filter((e) => e.path === path);
    return entries.length >= n ? entries : null;
  }, `${n} access log entries for ${path}`);

async function configDump(proxy: ProxyHandle): Promise<{
  routeTable: {
    clusters: { name: string; endpoints: { address: string; ejected: boolean; ejections: number }[] }[];
  };
}> {
  return JSON.parse((await direct(proxy.addresses.admin as string, '/config_dump')).text);
}

// --- the matrix ---

describe('reset mid-response (RST after the head and part of the body)', () => {
  it('breaks the client connection off after the partial body, flagged UC on both sides and counted', async () => {
    const before = [await sourceCount('faults', 200, 'UC'), await destinationCount(server, 200, 'UC')];
    const seen = await send('faults', '/reset-mid/1');
    expect([seen.status, seen.complete, seen.body]).toEqual([200, false, 'partial-body']);
    const [entry] = await accessLogFor(server, '/reset-mid/1');
    expect([entry?.status, entry?.flags]).toEqual([200, 'UC']);
    await counted(() => sourceCount('faults', 200, 'UC'), (before[0] as number) + 1, 'the source UC count');
    await counted(() => destinationCount(server, 200, 'UC'), (before[1] as number) + 1, 'the destination UC');
    // A response already under way is never retried: one attempt.
    expect(app.hits('/reset-mid/1')).toHaveLength(1);
  });

  it('a 100 % mirror to a healthy target still completes (mirrored-ok) while the primary breaks', async () => {
    const ok = await mirrorCount('mirrored-ok');
    const seen = await send('faults', '/shadowed-primary/reset-mid/2');
    expect([seen.status, seen.complete]).toEqual([200, false]);
    await counted(() => mirrorCount('mirrored-ok'), ok + 1, 'the copy counted mirrored-ok');
    expect(shadowApp.hits('/shadowed-primary/reset-mid/2')).toHaveLength(1);
    const [entry] = await accessLogFor(server, '/shadowed-primary/reset-mid/2');
    expect(entry?.flags).toBe('UC');
  });
});

describe('reset before any response byte', () => {
  it("is not retried by the client sidecar's default policy when it sees the reset itself: 503 UC", async () => {
    const before = await sourceCount('direct', 503, 'UC');
    const seen = await send('direct', '/reset-early/1');
    expect([seen.status, seen.flags]).toEqual([503, 'UC']);
    expect(directApp.hits('/reset-early/1')).toHaveLength(1);
    await counted(() => sourceCount('direct', 503, 'UC'), before + 1, 'the 503 UC count');
  });

  it('is retried under retryOn: reset (attempts 2: three tries), then 503 UC,URX', async () => {
    const before = await sourceCount('direct', 503, 'UC,URX');
    const seen = await send('direct', '/retry-reset/reset-early');
    expect([seen.status, seen.flags]).toEqual([503, 'UC,URX']);
    expect(directApp.hits('/retry-reset/reset-early')).toHaveLength(3);
    await counted(() => sourceCount('direct', 503, 'UC,URX'), before + 1, 'the 503 UC,URX count');
  });

  it('through the server sidecar (503 UC there) is retried by the default policy, then 503 URX', async () => {
    const before = [await sourceCount('faults', 503, 'URX'), await destinationCount(server, 503, 'UC')];
    const seen = await send('faults', '/reset-early/2');
    expect([seen.status, seen.flags]).toEqual([503, 'UC']); // the server sidecar's local reply, forwarded
    // Istio's default: two retries on retriable-status-codes (503).
    expect(app.hits('/reset-early/2')).toHaveLength(3);
    const entries = await accessLogFor(server, '/reset-early/2', 3);
    expect(entries.map((e) => `${e.status} ${e.flags}`)).toEqual(['503 UC', '503 UC', '503 UC']);
    await counted(() => sourceCount('faults', 503, 'URX'), (before[0] as number) + 1, 'the 503 URX count');
    await counted(() => destinationCount(server, 503, 'UC'), (before[1] as number) + 3, 'three 503 UC');
  });
});

describe('half-open upstream (accepts, reads, never answers, never closes)', () => {
  it('answers 504 UT at the route timeout and never reuses the stuck connection', async () => {
    const before = await sourceCount('faults', 504, 'UT');
    const seen = await send('faults', '/half-open/1');
    expect([seen.status, seen.flags, seen.body]).toEqual([504, 'UT', 'upstream request timeout\n']);
    const [stuck] = app.hits('/half-open/1');
    // The client sidecar gave up on the server sidecar, which gave up on the app: its connection is closed.
    await waitFor(() => app.closed.has(stuck?.connection as number), 'the stuck connection closed');
    const [entry] = await accessLogFor(server, '/half-open/1');
    expect([entry?.status, entry?.flags]).toEqual([0, 'DC']);
    await counted(() => sourceCount('faults', 504, 'UT'), before + 1, 'the 504 UT count');
    // The next request on the same route is answered on a fresh connection.
    const next = await send('faults', '/half-open/2');
    expect([next.status, next.flags]).toEqual([504, 'UT']); // stuck again, but on a new connection
    const [second] = app.hits('/half-open/2');
    expect(second?.connection).not.toBe(stuck?.connection);
    const ok = await send('faults', '/after-half-open');
    expect([ok.status, ok.body]).toEqual([200, 'ok /after-half-open']);
    const [after] = app.hits('/after-half-open');
    expect([stuck?.connection, second?.connection]).not.toContain(after?.connection);
  });
});

describe('5xx burst', () => {
  it('retryOn 5xx with attempts 2: a burst of two is absorbed (three attempts, 200)', async () => {
    const seen = await send('faults', '/burst/2/a');
    expect([seen.status, seen.body]).toEqual([200, 'ok /burst/2/a']);
    expect(app.hits('/burst/2/a')).toHaveLength(3);
    const entries = await accessLogFor(server, '/burst/2/a', 3);
    expect(entries.map((e) => `${e.status} ${e.flags}`)).toEqual(['503 -', '503 -', '200 -']);
  });

  it('a longer burst exhausts the retries: the third 503 is forwarded, flagged URX, and counted', async () => {
    const before = [await sourceCount('faults', 503, 'URX'), await destinationCount(server, 503, '-')];
    const seen = await send('faults', '/burst/5/b');
    expect([seen.status, seen.body, seen.complete]).toEqual([503, 'status 503', true]);
    expect(app.hits('/burst/5/b')).toHaveLength(3);
    const entries = await accessLogFor(server, '/burst/5/b', 3);
    expect(entries.map((e) => `${e.status} ${e.flags}`)).toEqual(['503 -', '503 -', '503 -']);
    await counted(() => sourceCount('faults', 503, 'URX'), (before[0] as number) + 1, 'the 503 URX count');
    await counted(() => destinationCount(server, 503, '-'), (before[1] as number) + 3, 'three 503s');
  });

  it('outlier detection (consecutive5xxErrors 3) ejects the always-503 endpoint; then all go to the healthy one', async () => {
    // Until the bad endpoint has answered three 503s in a row (no retries on this route).
    for (let i = 0; i < 40 && badApp.requests.length < 3; i++) await send('flaky', `/o/${i}`);
    expect(badApp.requests).toHaveLength(3);
    const dump = await configDump(client);
    const cluster = dump.routeTable.clusters.find((c) => c.name === FLAKY_CLUSTER);
    const bad = cluster?.endpoints.find((e) => e.address === badServer.addresses.inbound);
    const good = cluster?.endpoints.find((e) => e.address === goodServer.addresses.inbound);
    expect([bad?.ejected, bad?.ejections, good?.ejected]).toEqual([true, 1, false]);
    const goodBefore = goodApp.requests.length;
    for (let i = 0; i < 10; i++) {
      const seen = await send('flaky', `/after/${i}`);
      expect([seen.status, seen.body]).toEqual([200, `good /after/${i}`]);
    }
    expect(badApp.requests).toHaveLength(3);
    expect(goodApp.requests.length - goodBefore).toBe(10);
    // Counted: three 503s at the bad endpoint's sidecar (access log and telemetry) and the client's.
    expect(badServer.accessLog().map((e) => `${e.status} ${e.flags}`)).toEqual(['503 -', '503 -', '503 -']);
    await counted(() => destinationCount(badServer, 503, '-'), 3, "the bad endpoint's 503s");
    await counted(() => sourceCount('flaky', 503, '-'), 3, "the client's 503s");
  });
});

describe('slow drip (one body byte every 200 ms)', () => {
  it('without a timeout, the client gets every byte intact', async () => {
    const before = await sourceCount('faults', 200, '-');
    const seen = await send('faults', '/drip/1');
    expect([seen.status, seen.body, seen.complete]).toEqual([200, DRIP_BODY, true]);
    expect(seen.ms).toBeGreaterThanOrEqual(DRIP_BODY.length * DRIP_MS - 100);
    const [entry] = await accessLogFor(server, '/drip/1');
    expect([entry?.status, entry?.flags, entry?.bytesSent]).toEqual([200, '-', DRIP_BODY.length]);
    await counted(() => sourceCount('faults', 200, '-'), before + 1, 'the 200 count');
  });

  it('a route timeout after the head cuts the stream: truncated body, status kept, UT (DC upstream of it)', async () => {
    const before = [await sourceCount('faults', 200, 'UT'), await destinationCount(server, 200, 'DC')];
    const seen = await send('faults', '/drip-cut/1');
    expect([seen.status, seen.complete]).toEqual([200, false]);
    expect(seen.body.length).toBeGreaterThan(0);
    expect(seen.body.length).toBeLessThan(DRIP_BODY.length);
    expect(DRIP_BODY.startsWith(seen.body)).toBe(true);
    // The server sidecar saw its client (the client sidecar) go away mid-response.
    const [entry] = await accessLogFor(server, '/drip-cut/1');
    expect([entry?.status, entry?.flags]).toEqual([200, 'DC']);
    await counted(() => sourceCount('faults', 200, 'UT'), (before[0] as number) + 1, 'the 200 UT count');
    await counted(() => destinationCount(server, 200, 'DC'), (before[1] as number) + 1, 'the 200 DC count');
  });

  it('a route timeout before the head answers 504 UT', async () => {
    const before = await sourceCount('faults', 504, 'UT');
    const seen = await send('faults', '/drip-late/1');
    expect([seen.status, seen.flags]).toEqual([504, 'UT']);
    const [entry] = await accessLogFor(server, '/drip-late/1');
    expect([entry?.status, entry?.flags]).toEqual([0, 'DC']);
    await counted(() => sourceCount('faults', 504, 'UT'), before + 1, 'the 504 UT count');
  });
});

describe('an upstream that closes right after the head (content-length 100, FIN, no body)', () => {
  it('the client sees the head and a connection closed before the body: truncated, UC, counted', async () => {
    const before = [await sourceCount('faults', 200, 'UC'), await destinationCount(server, 200, 'UC')];
    const seen = await send('faults', '/close-after-head/1');
    expect([seen.status, seen.complete, seen.body]).toEqual([200, false, '']);
    const [entry] = await accessLogFor(server, '/close-after-head/1');
    expect([entry?.status, entry?.flags]).toEqual([200, 'UC']);
    await counted(() => sourceCount('faults', 200, 'UC'), (before[0] as number) + 1, 'the source UC count');
    await counted(() => destinationCount(server, 200, 'UC'), (before[1] as number) + 1, 'the destination UC');
    expect(app.hits('/close-after-head/1')).toHaveLength(1);
  });

  it('straight from the client sidecar: the same (head, then the connection closed), UC, counted', async () => {
    const before = await sourceCount('direct', 200, 'UC');
    const seen = await send('direct', '/close-after-head/2');
    expect([seen.status, seen.complete, seen.body]).toEqual([200, false, '']);
    await counted(() => sourceCount('direct', 200, 'UC'), before + 1, 'the 200 UC count');
    expect(directApp.hits('/close-after-head/2')).toHaveLength(1);
  });
});

describe("a 100 % mirror's faults never reach the primary's client", () => {
  it.each([
    ['reset-mid', 'mirrored-error'],
    ['reset-early', 'mirrored-error'],
    ['close-after-head', 'mirrored-error'],
    ['503', 'mirrored-error'],
    ['half-open', 'timed-out'],
    ['drip', 'timed-out'],
  ])('mirror %s: the primary answers 200 in full at once; the copy counts %s', async (fault, outcome) => {
    const before = await mirrorCount(outcome);
    const path = `/mirrored/${fault}/1`;
    const seen = await send('faults', path);
    expect([seen.status, seen.body, seen.complete, seen.flags]).toEqual([
      200,
      `primary ${path}`,
      true,
      undefined,
    ]);
    // The primary never waits for the copy (the shadow timeout is 500 ms; the drip takes 1.6 s).
    expect(seen.ms).toBeLessThan(400);
    await waitFor(() => shadowApp.hits(path).length === 1, 'the copy at the mirror target');
    await counted(() => mirrorCount(outcome), before + 1, `the copy counted ${outcome}`);
    const [entry] = await accessLogFor(server, path);
    expect([entry?.status, entry?.flags]).toEqual([200, '-']);
  });
});
