// Acceptance: mirror percentages and route weights observed end to end (seeded, 4σ binomial bands);
// 0% sends none, an absent percentage sends all, two mirrors both receive every request.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from './sidecar.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

const N = 2_000;
let servers: Record<'v1' | 'v2' | 'v3', RecordingServer>;

beforeAll(async () => {
  servers = {
    v1: await startRecordingServer(),
    v2: await startRecordingServer(),
    v3: await startRecordingServer(),
  };
});

afterAll(async () => {
  for (const s of Object.values(servers)) await s.close();
});

const base = `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  ports:
  - name: http
    port: 8000
  selector:
    app: httpbin
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
  - {name: v3, labels: {version: v3}}
`;

function dest(subset: string, weight?: number): string {
  return `    - destination: {host: httpbin, subset: ${subset}}${weight === undefined ? '' : `\n      weight: ${weight}`}\n`;
}

/** Sends `n` requests through a fresh sidecar with `http` as the VirtualService's only route; returns per-version counts. */
async function run(http: string, n: number, seed: number): Promise<Record<'v1' | 'v2' | 'v3', number>> {
  const before = {
    v1: servers.v1.requests.length,
    v2: servers.v2.requests.length,
    v3: servers.v3.requests.length,
  };
  const vs = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: httpbin\nspec:\n  hosts: [httpbin]\n  http:\n  - route:\n${http}`;
  const entries = (['v1', 'v2', 'v3'] as const).map((v) =>
    workloadEntry(`httpbin-${v}`, servers[v].address, { app: 'httpbin', version: v }),
  );
  const proxy = await startSidecar(clientSidecar(await writeMeshFile(base, vs, ...entries)), {
    logger: silentLogger,
    random: mulberry32(seed),
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  try {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        const res = await viaProxy(proxy.addresses.outbound as string, 'http://httpbin:8000/d', { agent });
        expect(res.status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await waitFor(
      () => proxy.mirrorStats().byTarget.every((t) => (proxy.mirrorStats().inFlight[t.target] ?? 0) === 0),
      'mirrors settled',
    );
  } finally {
    agent.destroy();
    await proxy.close();
  }
  return {
    v1: servers.v1.requests.length - before.v1,
    v2: servers.v2.requests.length - before.v2,
    v3: servers.v3.requests.length - before.v3,
  };
}

function expectWithin4Sigma(observed: number, n: number, p: number): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(observed - n * p), `observed ${observed} of ${n} at p=${p}`).toBeLessThanOrEqual(4 * sigma);
}

describe('mirror percentages', () => {
  it.each([20, 50, 35])('mirrors %i percent of requests within a 4σ band', async (pct) => {
    const counts = await run(
      `${dest('v1')}    mirror: {host: httpbin, subset: v2}\n    mirrorPercentage: {value: ${pct}}\n`,
      N,
      pct,
    );
    expect(counts.v1).toBe(N);
    expectWithin4Sigma(counts.v2, N, pct / 100);
  });

  it('mirrors nothing at 0%', async () => {
    const counts = await run(
      `${dest('v1')}    mirror: {host: httpbin, subset: v2}\n    mirrorPercentage: {value: 0}\n`,
      500,
      1,
    );
    expect(counts).toEqual({ v1: 500, v2: 0, v3: 0 });
  });

  it('mirrors everything when the percentage is absent', async () => {
    const counts = await run(`${dest('v1')}    mirror: {host: httpbin, subset: v2}\n`, 500, 2);
    expect(counts).toEqual({ v1: 500, v2: 500, v3: 0 });
  });

  it('sends every request to both of two mirrors', async () => {
    const mirrors =
      '    mirrors:\n    - destination: {host: httpbin, subset: v2}\n    - destination: {host: httpbin, subset: v3}\n';
    const counts = await run(`${dest('v1')}${mirrors}`, 500, 3);
    expect(counts).toEqual({ v1: 500, v2: 500, v3: 500 });
  });
});

describe('route weights', () => {
  it('splits 70/30/0 within a 4σ band and sends nothing to the 0-weight subset', async () => {
    const counts = await run(`${dest('v1', 70)}${dest('v2', 30)}${dest('v3', 0)}`, N, 4);
    expect(counts.v1 + counts.v2).toBe(N);
    expect(counts.v3).toBe(0);
    expectWithin4Sigma(counts.v1, N, 0.7);
  });
});
