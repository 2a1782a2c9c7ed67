// Request smuggling (issue #12): hostile request framing, written as exact bytes on raw sockets to every
// listener (outbound, inbound, gateway), each followed on the same connection by a plain request. A
// refused one is answered once (status and flag DPE, well-formed, connection closed), and neither it nor
// the request behind it reaches the primary, the mirror or the app; a plain request on a new connection
// still works. What the proxy accepts is listed as accepted, with the reason.
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayFlags, parseSidecarFlags } from './config.js';
import { startGateway } from './gateway.js';
import { LISTENER_OPTIONS } from './listeners.js';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import type { Outcome } from './testing/hostile-requests.js';
import { HOSTILE_REQUESTS } from './testing/hostile-requests.js';
import { direct, viaProxy } from './testing/http-client.js';
import { httpbinMirror, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import { splitResponses } from './testing/raw-client.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

interface Listener {
  name: string;
  address: () => string;
  target: (path: string) => string;
  host: string;
  primary: () => RecordingServer;
  mirror: () => RecordingServer | null;
  /** A plain request on a new connection. */
  plain: (path: string) => Promise<number>;
}

let v1: RecordingServer;
let v2: RecordingServer;
let app: RecordingServer;
let sidecar: ProxyHandle;
let gateway: ProxyHandle;

const tutorial = (name: string) => readFile(new URL(`../../../tutorials/${name}`, import.meta.url), 'utf8');

beforeAll(async () => {
  [v1, v2, app] = await Promise.all([startRecordingServer(), startRecordingServer(), startRecordingServer()]);
  const mesh = await writeMeshFile(
    httpbinMirror(100),
    workloadEntry('httpbin-v1', v1.address, { app: 'httpbin', version: 'v1' }),
    workloadEntry('httpbin-v2', v2.address, { app: 'httpbin', version: 'v2' }),
  );
  const flags = {
    labels: 'app=sleep',
    inbound: '127.0.0.1:0',
    outbound: '127.0.0.1:0',
    admin: '127.0.0.1:0',
  };
  sidecar = await startSidecar(
    parseSidecarFlags({ ...flags, workload: 'sleep', config: mesh, app: app.address }, {}),
    { logger: silentLogger },
  );
  const gatewayMesh = await writeMeshFile(
    await tutorial('hello-mirroring-workloads.yaml'),
    await tutorial('hello-mirroring-mirror.yaml'),
    workloadEntry('mirroring-v1', v1.address, { app: 'istio-mirroring-app', version: 'v1' }),
    workloadEntry('mirroring-v2', v2.address, { app: 'istio-mirroring-app', version: 'v2' }),
  );
  gateway = await startGateway(
    parseGatewayFlags(
      {
        name: 'istio-ingressgateway',
        labels: 'istio=ingressgateway',
        listen: '127.0.0.1:0',
        admin: '127.0.0.1:0',
        config: gatewayMesh,
      },
      {},
    ),
    { logger: silentLogger },
  );
  await Promise.all([sidecar.waitForConfig(), gateway.waitForConfig()]);
});

afterAll(async () => {
  await sidecar?.close();
  await gateway?.close();
  await Promise.all([v1?.close(), v2?.close(), app?.close()]);
});

const LISTENERS: Listener[] = [
  {
    name: 'outbound',
    address: () => sidecar.addresses.outbound as string,
    target: (path) => `http://httpbin:8000${path}`,
    host: 'httpbin:8000',
    primary: () => v1,
    mirror: () => v2,
    plain: async (path) =>
      (await viaProxy(sidecar.addresses.outbound as string, `http://httpbin:8000${path}`)).status,
  },
  {
    name: 'inbound',
    address: () => sidecar.addresses.inbound as string,
    target: (path) => path,
    host: 'httpbin:8000',
    primary: () => app,
    mirror: () => null,
    plain: async (path) =>
      (await direct(sidecar.addresses.inbound as string, path, { headers: { host: 'httpbin:8000' } })).status,
  },
  {
    name: 'gateway',
    address: () => gateway.addresses.listen as string,
    target: (path) => path,
    host: 'hello.example.com',
    primary: () => v1,
    mirror: () => v2,
    plain: async (path) =>
      (await direct(gateway.addresses.listen as string, path, { headers: { host: 'hello.example.com' } }))
        .status,
  },
];

/** Writes `bytes`, reads until the proxy closes the connection (`closed: false`: it did not within 3 s). */
function exchange(address: string, bytes: string): Promise<{ wire: Buffer; closed: boolean }> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host as string);
    const chunks: Buffer[] = [];
    let closed = true;
    // A bound, not a pause: a proxy waiting for bytes that never come must not hang the suite.
    const deadline = setTimeout(() => {
      closed = false;
      socket.destroy();
    }, 3_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(deadline);
      resolve({ wire: Buffer.concat(chunks), closed });
    });
    socket.write(bytes, 'latin1');
  });
}

/** Polls `probe` until `done` holds (at most 2 s) and returns the last value, for the assertion to show. */
async function settle<T>(probe: () => T, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const value = probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** What a raw client and the upstreams see for `outcome`; `paths`: the hostile request's, the next one's. */
function expectedFor(outcome: Outcome, paths: [string, string], mirrored: boolean) {
  if ('refused' in outcome) {
    const answers = [[outcome.refused, 'DPE', 'length']];
    return { closed: true, answers, unframed: 0, primary: [], mirror: [] };
  }
  const forwarded = outcome.accepted === 'one' ? paths.slice(0, 1) : paths;
  const answers = forwarded.map(() => [200, null, 'length']);
  return { closed: true, answers, unframed: 0, primary: forwarded, mirror: mirrored ? forwarded : [] };
}

describe.each(LISTENERS)('the $name listener', (listener) => {
  it.each(HOSTILE_REQUESTS.map(([name, bytes, outcome], i) => ({ name, bytes, outcome, i })))(
    '$name',
    async ({ bytes, outcome, i }) => {
      const id = `${listener.name[0]}${i}`;
      const hostile = `/hostile-${id}`;
      const smuggledPath = `/smuggled-${id}`;
      const smuggled = `GET ${listener.target(smuggledPath)} HTTP/1.1\r\nHost: ${listener.host}\r\nConnection: close\r\n\r\n`;
      const parts = { target: listener.target(hostile), path: hostile, host: listener.host, smuggled };
      const { wire, closed } = await exchange(listener.address(), bytes(parts));
      const { responses, rest } = splitResponses(wire);

      // A plain request on a new connection works, and is the barrier: anything the hostile bytes made
      // the proxy forward was sent before it.
      expect(await listener.plain(`/plain/${id}`)).toBe(200);
      const inBody = 'inBody' in outcome;
      const seen = (server: RecordingServer | null) =>
        (server?.requests ?? [])
          .filter((r) => r.url.endsWith(`-${id}`))
          .map((r) => `${r.url}${!r.settled ? ' (unsettled)' : r.complete ? '' : ' (reset)'}`)
          .filter((entry) => !(inBody && entry === `${hostile} (reset)`))
          .sort();
      const observe = () => ({
        closed,
        answers: responses.map((r) => [
          r.status,
          r.headers['x-shadowmesh-response-flags']?.join(',') ?? null,
          r.framing,
        ]),
        unframed: rest.length,
        primary: seen(listener.primary()),
        mirror: seen(listener.mirror()),
      });
      const expected = expectedFor(outcome, [hostile, smuggledPath], listener.mirror() !== null);
      const observed = await settle(observe, (o) => JSON.stringify(o) === JSON.stringify(expected));
      expect(observed).toEqual(expected);
      // Whatever was forwarded carries the authority it was routed by, never a Host the client also sent.
      for (const r of listener.primary().requests.filter((r) => r.url.endsWith(`-${id}`)))
        expect(r.headers.host).toBe(listener.host);
    },
  );
});

describe('listeners', () => {
  it('keep node strict and bound how long a head may take', () => {
    expect(LISTENER_OPTIONS).toMatchObject({
      insecureHTTPParser: false,
      maxHeaderSize: 16 * 1024,
      headersTimeout: 60_000,
      requireHostHeader: false,
    });
  });

  it('answer the requests before a malformed one, then closes, with no 400 mistaken for their answer', async () => {
    const before = v1.requests.length;
    const { wire, closed } = await exchange(
      sidecar.addresses.outbound as string,
      'GET http://httpbin:8000/before-garbage HTTP/1.1\r\nHost: httpbin:8000\r\n\r\nGARBAGE\r\n\r\n',
    );
    const { responses, rest } = splitResponses(wire);
    expect({ closed, statuses: responses.map((r) => r.status), rest: rest.length }).toEqual({
      closed: true,
      statuses: [200],
      rest: 0,
    });
    expect(v1.requests.slice(before).map((r) => r.url)).toEqual(['/before-garbage']);
  });

  it('refuse an upgrade with two Host headers before it is tunnelled', async () => {
    const before = v1.requests.length;
    const { wire, closed } = await exchange(
      sidecar.addresses.outbound as string,
      'GET http://httpbin:8000/upgrade HTTP/1.1\r\nHost: httpbin:8000\r\nHost: evil.example\r\n' +
        'Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n',
    );
    const { responses } = splitResponses(wire);
    expect({
      closed,
      answers: responses.map((r) => [r.status, r.headers['x-shadowmesh-response-flags']]),
    }).toEqual({
      closed: true,
      answers: [[400, ['DPE']]],
    });
    expect(v1.requests.length).toBe(before);
  });
});
