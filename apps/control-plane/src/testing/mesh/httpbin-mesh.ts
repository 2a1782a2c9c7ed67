// The standard telemetry test bed: httpbin v1 and v2 (each behind its sidecar), a client-only `sleep`
// sidecar, the httpbin Service and its v1/v2 DestinationRule. Routes are applied by the test.
import type { RunningApp, RunningSidecar } from './test-mesh.js';
import { TestMesh } from './test-mesh.js';

export const HTTPBIN_BASE_YAML = `
apiVersion: v1
kind: Service
metadata: { name: httpbin }
spec:
  selector: { app: httpbin }
  ports: [{ name: http, port: 8000, targetPort: 80 }]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: httpbin }
spec:
  host: httpbin
  subsets:
  - { name: v1, labels: { version: v1 } }
  - { name: v2, labels: { version: v2 } }
`;

export interface HttpbinMesh {
  mesh: TestMesh;
  v1: RunningApp;
  v2: RunningApp;
  sleep: RunningSidecar;
  /** sleep, httpbin-v1 and httpbin-v2's sidecars, in that order. */
  sidecars: RunningSidecar[];
  close(): Promise<void>;
}

export interface HttpbinMeshOptions {
  v2ErrorRate?: number;
  /** Open each sidecar's admin listener (`/stats/prometheus`, for a Prometheus to scrape). */
  admin?: boolean;
}

export async function startHttpbinMesh(options: HttpbinMeshOptions = {}): Promise<HttpbinMesh> {
  const mesh = await TestMesh.start();
  try {
    const [v1, v2] = await Promise.all([
      mesh.httpbin({ version: 'v1' }),
      mesh.httpbin({ version: 'v2', ...(options.v2ErrorRate ? { errorRate: options.v2ErrorRate } : {}) }),
    ]);
    const admin = options.admin === true;
    const sidecars = await Promise.all([
      mesh.sidecar({ workload: 'sleep', labels: { app: 'sleep' }, admin }),
      mesh.sidecar({
        workload: 'httpbin-v1',
        labels: { app: 'httpbin', version: 'v1' },
        app: v1.address,
        admin,
      }),
      mesh.sidecar({
        workload: 'httpbin-v2',
        labels: { app: 'httpbin', version: 'v2' },
        app: v2.address,
        admin,
      }),
    ]);
    const sleep = sidecars[0];
    await mesh.synced(3);
    await mesh.apply(HTTPBIN_BASE_YAML);
    return { mesh, v1, v2, sleep, sidecars, close: () => mesh.close() };
  } catch (error) {
    await mesh.close();
    throw error;
  }
}
