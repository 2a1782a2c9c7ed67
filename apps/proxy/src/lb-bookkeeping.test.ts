// Every request the proxy opens on an endpoint is closed exactly once in the load balancer's books
// (LEAST_REQUEST and outlier detection depend on it), whatever happened to it.
import { readFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { Cluster, RouteTable } from '@shadowmesh/routing';
import { compileRouteTable } from '@shadowmesh/routing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import type { Behaviour, RecordingServer } from './testing/recording-server.js';
import { echo, hang, startRecordingServer } from './testing/recording-server.js';

const books = { started: 0, ended: 0 };

/** The real cluster, with its bookkeeping calls counted. */
function counted(cluster: Cluster): Cluster {
  return {
    get name() {
      return cluster.name;
    },
    get host() {
      return cluster.host;
    },
    get subset() {
      return cluster.subset;
    },
    get port() {
      return cluster.port;
    },
    get endpoints() {
      return cluster.endpoints;
    },
    get limits() {
      return cluster.limits;
    },
    pick: (random) => cluster.pick(random),
    onRequestStart: (endpoint) => {
      books.started++;
      cluster.onRequestStart(endpoint);
    },
    onRequestEnd: (endpoint, outcome, now) => {
      books.ended++;
      cluster.onRequestEnd(endpoint, outcome, now);
    },
  };
}

function countedTable(table: RouteTable): RouteTable {
  return {
    version: table.version,
    settings: table.settings,
    dump: () => table.dump(),
    route: (attributes, random) => {
      const decision = table.route(attributes, random);
      if (decision.kind !== 'forward') return decision;
      return {
        ...decision,
        cluster: counted(decision.cluster),
        mirrors: decision.mirrors.map((m) => ({ ...m, cluster: counted(m.cluster) })),
      };
    },
  };
}

let proxy: ProxyHandle;
let v1: RecordingServer;
const hits = new Map<string, number>();

beforeAll(async () => {
  const behaviour: Behaviour = (req, res, recorded) => {
    const url = req.url ?? '';
    const n = (hits.get(url) ?? 0) + 1;
    hits.set(url, n);
    if (url.startsWith('/timeout') || url.startsWith('/per-try/hang') || url.startsWith('/headers/hang')) {
      return hang(req, res, recorded);
    }
    if (url.startsWith('/retry') && n <= 2) {
      req.resume();
      res.writeHead(503).end();
      return;
    }
    if (url.startsWith('/headers/broken')) {
      res.writeHead(200, { 'content-length': 100 });
      res.write('partial');
      setImmediate(() => res.socket?.destroy());
      return;
    }
    return echo(req, res, recorded);
  };
  v1 = await startRecordingServer(behaviour);
  const routes = await readFile(new URL('./testdata/failures.yaml', import.meta.url), 'utf8');
  const file = await writeMeshFile(
    routes,
    workloadEntry('httpbin-v1', v1.address, { app: 'httpbin', version: 'v1' }),
  );
  proxy = await startSidecar(clientSidecar(file), {
    logger: silentLogger,
    compile: (input, previous) => countedTable(compileRouteTable(input, previous)),
  });
});

afterAll(async () => {
  await proxy.close();
  await v1.close();
});

describe('load-balancer bookkeeping', () => {
  it('ends every started request once: success, retries, timeouts, broken responses, client aborts', async () => {
    const out = proxy.addresses.outbound as string;
    const get = (path: string) => viaProxy(out, `http://httpbin:8000${path}`);
    expect((await get('/headers/ok')).status).toBe(200);
    expect((await get('/retry/x')).status).toBe(200);
    expect((await get('/timeout')).status).toBe(504);
    expect((await get('/per-try/hang')).status).toBe(504);
    await expect(get('/headers/broken')).rejects.toThrow();
    // A client that leaves while its request is at the upstream.
    const [host, port] = out.split(':');
    const gone = request({
      host,
      port: Number(port),
      path: 'http://httpbin:8000/headers/hang',
      agent: false,
    });
    gone.on('error', () => {});
    gone.end();
    await waitFor(() => hits.get('/headers/hang') === 1, 'the request at the upstream');
    gone.destroy();
    await waitFor(
      () => books.started > 0 && books.started === books.ended,
      `books balanced (${books.started}/${books.ended})`,
    );
    expect(books.started).toBeGreaterThanOrEqual(9);
  });
});
