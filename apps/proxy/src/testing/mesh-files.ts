// Standalone mesh configs for tests: YAML written to a temporary file for `--config`.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { SidecarConfig } from '../config.js';
import { parseSidecarFlags } from '../config.js';

export const silentLogger = pino({ level: 'silent' });

export function workloadEntry(name: string, address: string, labels: Record<string, string>): string {
  const [host, port] = address.split(':');
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n');
  return `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: ${name}
spec:
  address: ${host}
  ports:
    http: ${port}
  labels:
${labelLines}
`;
}

export function meshConfig(
  mirror: { maxInFlight?: number; timeout?: string; maxBodyBytes?: number },
  extra = '',
): string {
  const lines = Object.entries(mirror)
    .map(([k, v]) => `    ${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`)
    .join('\n');
  return `apiVersion: shadowmesh.io/v1alpha1
kind: MeshConfig
metadata:
  name: default
spec:
${extra}  mirror:
${lines}
`;
}

/** httpbin Service (8000 → 80) with subsets v1 and v2, all to v1, mirrored to v2 at `percentage` (null: field absent). */
export function httpbinMirror(percentage: number | null): string {
  const pct = percentage === null ? '' : `    mirrorPercentage:\n      value: ${percentage}\n`;
  return `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: httpbin
---
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - route:
    - destination:
        host: httpbin
        subset: v1
      weight: 100
    mirror:
      host: httpbin
      subset: v2
${pct}`;
}

export async function writeMeshFile(...documents: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shadowmesh-proxy-'));
  const file = join(dir, 'mesh.yaml');
  await writeFile(file, documents.join('\n---\n'));
  return file;
}

/** A client-only sidecar config (like the tutorials' `sleep`) running standalone from `file`. */
export function clientSidecar(file: string, workload = 'sleep'): SidecarConfig {
  return parseSidecarFlags(
    {
      workload,
      labels: `app=${workload}`,
      inbound: '127.0.0.1:0',
      outbound: '127.0.0.1:0',
      admin: '127.0.0.1:0',
      config: file,
    },
    {},
  );
}
