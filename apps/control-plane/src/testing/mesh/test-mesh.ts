// A small real mesh for integration tests: an in-process control plane listening on 127.0.0.1:0, real
// sidecars and demo workloads as child processes of the compiled CLI (`shadowmesh sidecar`,
// `shadowmesh app httpbin`), config applied over REST. Everything it starts, `close()` stops.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { controlPlaneConfig } from '../../config.js';
import type { TelemetrySink } from '../../services/push/telemetry-sink.js';
import { tempDir } from '../test-app.js';
import { assertCliBuilt, CLI_JS, type RunningChild, startChild } from './child-process.js';
import { waitUntil } from './wait-until.js';

export interface DemoAppOptions {
  version?: string;
  /** Share of requests answered 500 (0..1). */
  errorRate?: number;
  /** `HOST:PORT`; default a free port on 127.0.0.1. */
  listen?: string;
}

export interface RunningApp {
  /** `127.0.0.1:PORT`. */
  address: string;
  child: RunningChild;
}

export interface SidecarOptions {
  workload: string;
  namespace?: string;
  labels: Record<string, string>;
  /** The app's address, for workloads that serve (omit for a client-only workload). */
  app?: string;
  /** Also open the admin listener (`/stats/prometheus`) on a free port. */
  admin?: boolean;
}

export interface RunningSidecar {
  id: string;
  inbound: string;
  outbound: string;
  /** The admin listener, when asked for. */
  admin?: string;
  child: RunningChild;
}

export class TestMesh {
  private readonly children: RunningChild[] = [];

  private constructor(
    readonly app: FastifyInstance,
    readonly url: string,
    private readonly removeData: () => void,
  ) {}

  /** Starts the control plane (auth none, quiet). The CLI must be built (`node scripts/build.mjs`). */
  static async start(
    options: { streamTickMs?: number; telemetrySink?: TelemetrySink } = {},
  ): Promise<TestMesh> {
    assertCliBuilt();
    const dir = tempDir('shadowmesh-mesh-');
    const config = controlPlaneConfig(
      { auth: 'none', logLevel: 'silent', data: dir.path, listen: '127.0.0.1:0' },
      {},
    );
    const app = await buildApp({
      config,
      logger: false,
      ...(options.streamTickMs ? { stream: { tickMs: options.streamTickMs } } : {}),
      ...(options.telemetrySink ? { telemetrySink: options.telemetrySink } : {}),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestMesh(app, `http://127.0.0.1:${port}`, dir.remove);
  }

  /** `shadowmesh app httpbin` in its own process. */
  async httpbin(options: DemoAppOptions = {}): Promise<RunningApp> {
    const args = [CLI_JS, 'app', 'httpbin', '--listen', options.listen ?? '127.0.0.1:0'];
    args.push('--version', options.version ?? 'v1', '--seed', '1');
    if (options.errorRate !== undefined) args.push('--error-rate', String(options.errorRate));
    const child = await this.track(
      startChild({ command: process.execPath, args, ready: /listening on http:\/\/(\S+)/ }),
    );
    return { address: child.match[1] as string, child };
  }

  /** Stops a demo app and starts it again on the same address with other options (e.g. failing). */
  async restartHttpbin(running: RunningApp, options: Omit<DemoAppOptions, 'listen'>): Promise<RunningApp> {
    await running.child.stop();
    const at = this.children.indexOf(running.child);
    if (at >= 0) this.children.splice(at, 1);
    return this.httpbin({ ...options, listen: running.address });
  }

  /** `shadowmesh sidecar` registered with this control plane; resolves once it is listening. */
  async sidecar(options: SidecarOptions): Promise<RunningSidecar> {
    const labels = Object.entries(options.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const args = [CLI_JS, 'sidecar', '--control-plane', this.url, '--workload', options.workload];
    args.push('--namespace', options.namespace ?? 'default', '--labels', labels);
    args.push('--inbound', '127.0.0.1:0', '--outbound', '127.0.0.1:0');
    if (options.app) args.push('--app', options.app);
    if (options.admin) args.push('--admin', '127.0.0.1:0');
    const child = await this.track(
      startChild({
        command: process.execPath,
        args,
        env: { SHADOWMESH_LOG_LEVEL: 'warn' },
        ready: options.admin
          ? /shadowmesh sidecar (\S+): inbound (\S+) outbound (\S+) admin (\S+)/
          : /shadowmesh sidecar (\S+): inbound (\S+) outbound (\S+)/,
      }),
    );
    const [, id, inbound, outbound, admin] = child.match as unknown as [
      string,
      string,
      string,
      string,
      string?,
    ];
    return { id, inbound, outbound, ...(admin ? { admin } : {}), child };
  }

  /** Applies multi-document YAML; resolves once every connected proxy has ACKed the new config. */
  async apply(yaml: string): Promise<void> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: { 'content-type': 'application/yaml' },
      payload: yaml,
    });
    if (res.statusCode !== 200) throw new Error(`apply failed: ${res.statusCode} ${res.body}`);
    await this.synced();
  }

  /** Resolves once `count` proxies (default: any) are connected and have ACKed the newest config. */
  async synced(count?: number): Promise<void> {
    const { registry, publisher } = this.app.services;
    await waitUntil(() => {
      const connected = registry.statuses().filter((s) => s.connected);
      if (count !== undefined && connected.length !== count) return false;
      return !publisher.pending && connected.every((s) => s.status === 'SYNCED');
    }, 'proxies to be in sync');
  }

  async close(): Promise<void> {
    await Promise.all(this.children.splice(0).map((c) => c.stop()));
    await this.app.close();
    this.removeData();
  }

  private async track(started: Promise<RunningChild>): Promise<RunningChild> {
    const child = await started;
    this.children.push(child);
    return child;
  }
}
