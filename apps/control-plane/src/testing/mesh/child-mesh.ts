// A real mesh whose control plane is a child process too (compiled `dist/testing/child-server.js`), so a
// fault test can SIGKILL it and start it again on the same port and data directory. Sidecars and httpbin
// are `shadowmesh` child processes, as in TestMesh. Everything it starts, `close()` stops.
import type { ProxyStatus } from '@shadowmesh/api';
import { type ChildControlPlane, startChild as startControlPlane } from '../child-process.js';
import { tempDir } from '../test-app.js';
import { assertCliBuilt, CLI_JS, type RunningChild, startChild } from './child-process.js';
import type { DemoAppOptions, RunningApp } from './test-mesh.js';
import { waitUntil } from './wait-until.js';

export interface ChildSidecarOptions {
  workload: string;
  labels: Record<string, string>;
  app?: string;
  /** Fixed listener addresses (a restart on the same addresses); default free ports. */
  inbound?: string;
  outbound?: string;
  admin?: string;
}

export interface ChildSidecar {
  id: string;
  inbound: string;
  outbound: string;
  admin: string;
  child: RunningChild;
}

const SIDECAR_READY = /shadowmesh sidecar (\S+): inbound (\S+) outbound (\S+) admin (\S+)/;

export class ChildMesh {
  private readonly children: RunningChild[] = [];
  private cp: ChildControlPlane | null = null;

  private constructor(
    readonly url: string,
    readonly dataDir: string,
    private readonly removeData: () => void,
    cp: ChildControlPlane,
  ) {
    this.cp = cp;
  }

  static async start(): Promise<ChildMesh> {
    assertCliBuilt();
    const dir = tempDir('shadowmesh-child-mesh-');
    const cp = await startControlPlane(['--data', dir.path, '--listen', '127.0.0.1:0', '--auth', 'none']);
    return new ChildMesh(cp.url, dir.path, dir.remove, cp);
  }

  get controlPlane(): ChildControlPlane | null {
    return this.cp;
  }

  /** SIGKILLs the control plane and waits for it to be gone. */
  async killControlPlane(): Promise<void> {
    const cp = this.cp;
    this.cp = null;
    if (!cp) return;
    cp.process.kill('SIGKILL');
    await cp.exited;
  }

  /** Starts the control plane again on the same address and data directory. */
  async restartControlPlane(): Promise<void> {
    if (this.cp) throw new Error('the control plane is still running');
    const listen = new URL(this.url).host;
    this.cp = await startControlPlane(['--data', this.dataDir, '--listen', listen, '--auth', 'none']);
  }

  async httpbin(options: DemoAppOptions = {}): Promise<RunningApp> {
    const args = [CLI_JS, 'app', 'httpbin', '--listen', options.listen ?? '127.0.0.1:0'];
    args.push('--version', options.version ?? 'v1', '--seed', '1');
    const child = await this.track(
      startChild({ command: process.execPath, args, ready: /listening on http:\/\/(\S+)/ }),
    );
    return { address: child.match[1] as string, child };
  }

  /** `shadowmesh sidecar` with an admin listener, registered with this mesh's control plane. */
  async sidecar(options: ChildSidecarOptions): Promise<ChildSidecar> {
    const labels = Object.entries(options.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const args = [CLI_JS, 'sidecar', '--control-plane', this.url, '--workload', options.workload];
    args.push('--labels', labels, '--inbound', options.inbound ?? '127.0.0.1:0');
    args.push('--outbound', options.outbound ?? '127.0.0.1:0', '--admin', options.admin ?? '127.0.0.1:0');
    if (options.app) args.push('--app', options.app);
    const child = await this.track(
      startChild({
        command: process.execPath,
        args,
        env: { SHADOWMESH_LOG_LEVEL: 'warn' },
        ready: SIDECAR_READY,
      }),
    );
    const [, id, inbound, outbound, admin] = child.match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { id, inbound, outbound, admin, child };
  }

  /** SIGKILLs one child (a sidecar or app) and forgets it. */
  async kill(child: RunningChild): Promise<void> {
    const at = this.children.indexOf(child);
    if (at >= 0) this.children.splice(at, 1);
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
    child.process.kill('SIGKILL');
    await exited;
  }

  /** Applies multi-document YAML over REST; throws unless 200. */
  async apply(yaml: string): Promise<void> {
    const res = await fetch(`${this.url}/api/v1/apply`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml', 'x-shadowmesh-client': 'cli' },
      body: yaml,
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`apply failed: ${res.status} ${body}`);
  }

  async proxyStatus(): Promise<ProxyStatus[]> {
    const res = await fetch(`${this.url}/api/v1/proxy-status`);
    if (res.status !== 200) throw new Error(`proxy-status: ${res.status}`);
    return (await res.json()) as ProxyStatus[];
  }

  /**
   * Resolves with the statuses once exactly `ids` are connected, all SYNCED on one version (other than
   * `notVersion`, the one held before a change), and no other proxy is connected.
   */
  async synced(ids: readonly string[], notVersion: string | null = null, timeoutMs = 10_000) {
    return waitUntil(
      async () => {
        const statuses = await this.proxyStatus();
        const connected = statuses.filter((s) => s.connected);
        if (connected.length !== ids.length || !ids.every((id) => connected.some((s) => s.proxy.id === id)))
          return false;
        const versions = new Set(connected.map((s) => s.ackedVersion));
        const ok =
          connected.every((s) => s.status === 'SYNCED') && versions.size === 1 && !versions.has(notVersion);
        return ok ? statuses : false;
      },
      `proxies ${ids.join(', ')} to be SYNCED`,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.children.splice(0).map((c) => c.stop()));
    if (this.cp) {
      this.cp.process.kill('SIGTERM');
      await this.cp.exited;
      this.cp = null;
    }
    this.removeData();
  }

  private async track(started: Promise<RunningChild>): Promise<RunningChild> {
    const child = await started;
    this.children.push(child);
    return child;
  }
}
