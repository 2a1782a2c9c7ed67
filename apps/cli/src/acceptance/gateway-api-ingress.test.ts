// Acceptance (issue 14): a Gateway API Gateway with an HTTPRoute parented to it, from `shadowmesh run`:
// the Gateway gets its own gateway process (as istiod deploys one per Gateway), and the route's hostname
// reaches its backend through it (real processes: build first).
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog, type MeshTestbed, startMeshTestbed } from '../mesh/testing/mesh-harness.js';
import { readWorkloads } from '../mesh/workloads-file.js';

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop-v1}
spec:
  selector: {matchLabels: {app: shop, version: v1}}
  template:
    metadata: {labels: {app: shop, version: v1}}
    spec:
      containers: [{name: shop, image: docker.io/kennethreitz/httpbin, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: shop}
spec:
  ports: [{name: http, port: 8000, targetPort: 80}]
  selector: {app: shop}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "*.example.com"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop}
spec:
  parentRefs: [{name: web}]
  hostnames: [shop.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /status}}]
    filters:
    - type: ResponseHeaderModifier
      responseHeaderModifier: {set: [{name: x-via, value: gateway-api}]}
    backendRefs: [{name: shop, port: 8000}]
`;

let bed: MeshTestbed;
let listen: string;

beforeAll(async () => {
  bed = await startMeshTestbed();
  const file = join(bed.dataDir, 'shop.yaml');
  writeFileSync(file, MANIFESTS);
  await bed.run(['-f', file]);
  const gateway = readWorkloads(bed.dataDir).find((w) => w.kind === 'gateway');
  expect(gateway).toMatchObject({
    name: 'web-istio',
    labels: { 'gateway.networking.k8s.io/gateway-name': 'web' },
  });
  listen = gateway?.inbound as string;
}, 40_000);

afterAll(() => bed?.close(), 30_000);

function get(host: string, path: string): Promise<{ status: number; via: string | undefined }> {
  const [hostname, port] = listen.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port: Number(port), path, headers: { host } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, via: res.headers['x-via'] as string }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a Gateway API Gateway from shadowmesh run', () => {
  it('serves the HTTPRoute hostname through the gateway process it starts, and nothing else', async () => {
    expect(await get('shop.example.com', '/status/200')).toEqual({ status: 200, via: 'gateway-api' });
    expect((await get('other.example.com', '/status/200')).status).toBe(404);
    expect((await get('shop.example.com', '/headers')).status).toBe(404);
    const log = await accessLog(bed, 'shop-v1');
    expect(log.map((e) => e.path)).toEqual(['/status/200']);
  });
});
