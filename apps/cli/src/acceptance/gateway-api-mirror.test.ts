// Acceptance (issue 14): an HTTPRoute with a RequestMirror filter at `percent: 50`, applied with
// `shadowmesh apply`, mirrors about half the requests between two real workloads (real processes from
// `shadowmesh run`: build first). The sidecars' draws are not seeded, so the band is 4σ wide.
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed } from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

const deployment = (name: string, labels: string, image: string, command = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {${labels}}}
  template:
    metadata: {labels: {${labels}}}
    spec:
      containers:
      - name: ${name}
        image: ${image}${command}
        ports: [{containerPort: 80}]
`;
const service = (name: string, selector: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  ports: [{name: http, port: 8000, targetPort: 80}]
  selector: {${selector}}
`;

const WORKLOADS = [
  deployment('reviews-v1', 'app: reviews, version: v1', 'docker.io/kennethreitz/httpbin'),
  deployment('reviews-v2', 'app: reviews, version: v2', 'docker.io/kennethreitz/httpbin'),
  deployment('sleep', 'app: sleep', 'curlimages/curl', '\n        command: ["/bin/sleep", "3650d"]'),
  service('reviews', 'app: reviews'),
  service('reviews-v1', 'app: reviews, version: v1'),
  service('reviews-v2', 'app: reviews, version: v2'),
].join('---\n');

const MIRROR_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: reviews
spec:
  parentRefs:
  - group: ""
    kind: Service
    name: reviews
    port: 8000
  rules:
  - filters:
    - type: RequestMirror
      requestMirror:
        backendRef:
          name: reviews-v2
          port: 8000
        percent: 50
    backendRefs:
    - name: reviews-v1
      port: 8000
`;

let bed: MeshTestbed;
let outbound: string;

beforeAll(async () => {
  bed = await startMeshTestbed();
  const file = join(bed.dataDir, 'workloads.yaml');
  writeFileSync(file, WORKLOADS);
  await bed.run(['-f', file]);
  outbound = readWorkloads(bed.dataDir).find((w) => w.name === 'sleep')?.outbound as string;
  expect(outbound).toMatch(/^127\.0\.0\.1:\d+$/);
}, 40_000);

afterAll(() => bed?.close(), 30_000);

/** `HTTP_PROXY=<sleep's outbound> curl http://reviews:8000/<path>`, `n` times, 8 at a time. */
async function sendThroughSleep(n: number, path: string): Promise<number[]> {
  const [host, port] = outbound.split(':');
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const statuses: number[] = [];
  let next = 0;
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host, port: Number(port), path: `http://reviews:8000${path}`, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async () => {
    while (next < n) {
      next++;
      statuses.push(await one());
    }
  };
  try {
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    agent.destroy();
  }
  return statuses;
}

describe('Gateway API mirroring with shadowmesh apply', () => {
  it('an HTTPRoute RequestMirror at percent: 50 copies about half of 500 requests to v2', async () => {
    const file = join(bed.dataDir, 'mirror-route.yaml');
    writeFileSync(file, MIRROR_ROUTE);
    const applied = await bed.applyAndSync(file);
    expect(applied.stdout).toMatch(/^httproute\.gateway\.networking\.k8s\.io\/reviews created$/m);

    const n = 500;
    const statuses = await sendThroughSleep(n, '/status/200');
    expect(statuses.filter((s) => s === 200)).toHaveLength(n);
    const v1 = (await accessLog(bed, 'reviews-v1')).filter((e) => e.path === '/status/200');
    expect(v1).toHaveLength(n);
    expect(v1.every((e) => !e.shadow)).toBe(true);
    // Copies are fire-and-forget: wait until the count stops short of nothing, then settles.
    let copies: Awaited<ReturnType<typeof accessLog>> = [];
    await vi.waitFor(
      async () => {
        const now = (await accessLog(bed, 'reviews-v2')).filter((e) => e.path === '/status/200');
        const settled = now.length === copies.length && now.length > 0;
        copies = now;
        expect(settled).toBe(true);
      },
      { timeout: 10_000, interval: 300 },
    );
    expect(copies.every((e) => e.shadow && e.authority === 'reviews-shadow:8000')).toBe(true);
    const sigma = Math.sqrt(n * 0.5 * 0.5);
    expect(Math.abs(copies.length - n / 2), `${copies.length} of ${n} mirrored`).toBeLessThanOrEqual(
      4 * sigma,
    );
  });
});
