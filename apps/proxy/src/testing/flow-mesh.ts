// The flow test bed: a client sidecar connected to a test control plane (which records every message the
// proxy sends), routing httpbin to v1 and mirroring to v2 (recording servers), with MeshConfig and
// ShadowPolicy documents of the test's choosing.
import type { FlowRecord, FlowsPayload, WorkloadEndpoint } from '@shadowmesh/api';
import { parseManifests } from '@shadowmesh/api';
import { afterEach } from 'vitest';
import { parseSidecarFlags } from '../config.js';
import type { ProxyHandle, StartOptions } from '../proxy-handle.js';
import { startSidecar } from '../sidecar.js';
import { waitFor } from './http-client.js';
import { httpbinMirror, silentLogger } from './mesh-files.js';
import type { Behaviour, RecordingServer } from './recording-server.js';
import { echo, startRecordingServer } from './recording-server.js';
import type { ProxyConnection, TestControlPlane } from './test-control-plane.js';
import { startTestControlPlane } from './test-control-plane.js';

export interface FlowMeshOptions {
  v1?: Behaviour;
  v2?: Behaviour;
  /** Mirror percentage (null: no mirror field; 0: no mirror). */
  mirror?: number | null;
  /** MeshConfig spec lines (YAML under `spec:`, indented two spaces), e.g. `  flowSampling: 1\n`. */
  meshSpec?: string;
  /** Extra YAML documents (ShadowPolicy…). */
  extra?: string[];
  /** Endpoint addresses instead of v1's and v2's (e.g. the proxy's own outbound: filled in after start). */
  endpoints?: (proxy: ProxyHandle, v1: RecordingServer, v2: RecordingServer) => WorkloadEndpoint[];
  start?: StartOptions;
}

export interface FlowMesh {
  cp: TestControlPlane;
  conn: ProxyConnection;
  proxy: ProxyHandle;
  outbound: string;
  v1: RecordingServer;
  v2: RecordingServer;
  /** Every `flows` payload received so far (of every connection). */
  payloads(): FlowsPayload[];
  /** Every record received so far, in arrival order. */
  records(): FlowRecord[];
  /** Every message the proxy sent, as JSON text (for "never leaves the proxy" checks). */
  wire(): string;
  close(): Promise<void>;
}

export function meshConfigDoc(spec: string): string {
  return `apiVersion: shadowmesh.io/v1alpha1
kind: MeshConfig
metadata:
  name: default
spec:
${spec}`;
}

export function shadowPolicyDoc(host: string, spec: string): string {
  return `apiVersion: shadowmesh.io/v1alpha1
kind: ShadowPolicy
metadata:
  name: ${host}-policy
spec:
  host: ${host}
${spec}`;
}

export function endpoint(workload: string, version: string, address: string): WorkloadEndpoint {
  return {
    proxyId: workload,
    workload,
    namespace: 'default',
    labels: { app: 'httpbin', version },
    address,
  };
}

export async function startFlowMesh(options: FlowMeshOptions = {}): Promise<FlowMesh> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    while (closers.length > 0) await closers.pop()?.();
  };
  try {
    const cp = await startTestControlPlane();
    closers.push(cp.close);
    const v1 = await startRecordingServer(options.v1 ?? echo);
    closers.push(v1.close);
    const v2 = await startRecordingServer(options.v2 ?? echo);
    closers.push(v2.close);
    const config = parseSidecarFlags(
      {
        controlPlane: cp.url,
        workload: 'sleep',
        labels: 'app=sleep,version=v1',
        inbound: '127.0.0.1:0',
        outbound: '127.0.0.1:0',
        admin: '127.0.0.1:0',
      },
      {},
    );
    const proxy = await startSidecar(config, {
      logger: silentLogger,
      telemetryIntervalMs: 20,
      reconnect: { baseMs: 20, maxMs: 100 },
      ...options.start,
    });
    closers.push(proxy.close);
    const conn = await waitFor(() => cp.connections[0]?.hello && cp.connections[0], 'hello');
    const docs = [httpbinMirror(options.mirror === undefined ? 100 : options.mirror)];
    if (options.meshSpec !== undefined) docs.push(meshConfigDoc(options.meshSpec));
    docs.push(...(options.extra ?? []));
    const { resources } = parseManifests(docs.join('\n---\n'));
    const endpoints = options.endpoints?.(proxy, v1, v2) ?? [
      endpoint('httpbin-v1', 'v1', v1.address),
      endpoint('httpbin-v2', 'v2', v2.address),
    ];
    conn.pushConfig({ version: '1', resources, endpoints });
    const answer = await conn.answerFor('1');
    if (answer.type !== 'ack') throw new Error(`config refused: ${answer.error}`);
    const messages = () => cp.connections.flatMap((c) => c.messages);
    const payloads = () => messages().flatMap((m) => (m.type === 'flows' ? [m.payload as FlowsPayload] : []));
    return {
      cp,
      conn,
      proxy,
      outbound: proxy.addresses.outbound as string,
      v1,
      v2,
      payloads,
      records: () => payloads().flatMap((p) => p.flows),
      wire: () =>
        messages()
          .map((m) => JSON.stringify(m))
          .join('\n'),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * For one test file: `mesh(options)` starts a flow mesh, `closeAfter(fn)` registers anything else to close;
 * all of it is closed after each test, newest first.
 */
export function flowMeshPerTest(): {
  mesh: (options?: FlowMeshOptions) => Promise<FlowMesh>;
  closeAfter: (close: () => Promise<void>) => void;
} {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (closers.length > 0) await closers.pop()?.();
  });
  return {
    mesh: async (options = {}) => {
      const m = await startFlowMesh(options);
      closers.push(m.close);
      return m;
    },
    closeAfter: (close) => {
      closers.push(close);
    },
  };
}
