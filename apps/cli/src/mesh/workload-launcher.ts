// Starts one workload as a Kubernetes pod would run with Istio: a sidecar (inbound, outbound, admin on free
// loopback ports) and the application behind it, whose calls out go through the sidecar (HTTP_PROXY).
import type { DemoAppName } from '@shadowmesh/demo';
import type { ChildHandle } from './child-process.js';
import { cliArgv } from './cli-paths.js';
import { freePort } from './free-port.js';
import type { Supervisor } from './supervisor.js';
import { canConnect, httpGet, waitUntil } from './wait-until.js';

/** What runs behind the sidecar. */
export type WorkloadApp =
  | { kind: 'demo'; app: DemoAppName }
  | { kind: 'command'; command: string; image: string }
  | { kind: 'idle' };

export interface WorkloadSpec {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  app: WorkloadApp;
  /** For messages: `Deployment httpbin-v1 (httpbin-workloads.yaml)`. */
  source: string;
}

/** How children reach the control plane, and where their output goes. */
export interface MeshTarget {
  controlPlane: string;
  token: string | null;
  /** Directory for `<workload>.sidecar.log` and `<workload>.app.log`; null keeps only a tail in memory. */
  logDir: string | null;
  /** Environment the children start from (the runner's, usually). */
  env: Record<string, string | undefined>;
  /** How long a child may take to be ready. */
  readyTimeoutMs: number;
}

export interface RunningWorkload {
  spec: WorkloadSpec;
  proxyId: string;
  inbound: string;
  outbound: string;
  admin: string;
  /** HOST:PORT of the application, null for an idle client. */
  app: string | null;
  sidecar: ChildHandle;
  appChild: ChildHandle | null;
}

const SIDECAR_READY = /shadowmesh sidecar (\S+): inbound (\S+) outbound (\S+) admin (\S+)/;
const APP_LISTENING = /listening on http:\/\/(\S+)/;
const IN_USE = /already in use/;
const ATTEMPTS = 3;

export async function launchWorkload(
  supervisor: Supervisor,
  spec: WorkloadSpec,
  mesh: MeshTarget,
): Promise<RunningWorkload> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(supervisor, spec, mesh);
    } catch (err) {
      // Another process took the application's port between the probe and the start: try another one.
      if (!(err instanceof PortTakenError) || attempt >= ATTEMPTS) throw err;
    }
  }
}

class PortTakenError extends Error {}

async function launchOnce(
  supervisor: Supervisor,
  spec: WorkloadSpec,
  mesh: MeshTarget,
): Promise<RunningWorkload> {
  const appPort = spec.app.kind === 'idle' ? null : await freePort();
  const app = appPort === null ? null : `127.0.0.1:${appPort}`;
  const label = `${spec.name}.${spec.namespace}`;
  const sidecar = supervisor.start({
    name: `${label} sidecar`,
    command: process.execPath,
    args: cliArgv([
      'sidecar',
      '--control-plane',
      mesh.controlPlane,
      '--workload',
      spec.name,
      '--namespace',
      spec.namespace,
      '--labels',
      Object.entries(spec.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      ...(app ? ['--app', app] : []),
      '--inbound',
      '127.0.0.1:0',
      '--outbound',
      '127.0.0.1:0',
      '--admin',
      '127.0.0.1:0',
    ]),
    env: proxyEnv(mesh),
    logFile: logFile(mesh, `${label}.sidecar`),
  });
  let appChild: ChildHandle | null = null;
  try {
    const [, proxyId, inbound, outbound, admin] = await sidecar.waitForOutput(
      SIDECAR_READY,
      mesh.readyTimeoutMs,
    );
    const addresses = { proxyId: proxyId!, inbound: inbound!, outbound: outbound!, admin: admin! };
    if (app !== null && appPort !== null) {
      appChild = startApp(supervisor, spec, mesh, label, app, addresses.outbound);
      if (spec.app.kind === 'demo') {
        await appChild.waitForOutput(APP_LISTENING, mesh.readyTimeoutMs).catch((err: Error) => {
          throw IN_USE.test(appChild?.tail() ?? '') ? new PortTakenError(err.message) : err;
        });
      } else {
        const child = appChild;
        await waitUntil(async () => ((await canConnect('127.0.0.1', appPort)) ? true : undefined), {
          what: `${spec.source}: the command to listen on $PORT (${appPort})`,
          timeoutMs: mesh.readyTimeoutMs,
          abort: () => (child.exitStatus() ? new Error(`${child.name} exited:\n${child.tail()}`) : null),
        });
      }
    }
    await waitUntil(
      async (note) => {
        const res = await httpGet(`http://${addresses.admin}/ready`);
        note(res ? `${res.status} ${res.text.trim()}` : 'no answer');
        return res?.status === 200 ? true : undefined;
      },
      {
        what: `${label} sidecar /ready (a config from ${mesh.controlPlane})`,
        timeoutMs: mesh.readyTimeoutMs,
        abort: () => (sidecar.exitStatus() ? new Error(`${sidecar.name} exited:\n${sidecar.tail()}`) : null),
      },
    );
    return { spec, ...addresses, app, sidecar, appChild };
  } catch (err) {
    await Promise.all([sidecar.stop(1_000), appChild?.stop(1_000)]);
    throw err;
  }
}

function startApp(
  supervisor: Supervisor,
  spec: WorkloadSpec,
  mesh: MeshTarget,
  label: string,
  app: string,
  outbound: string,
): ChildHandle {
  const port = app.slice(app.lastIndexOf(':') + 1);
  const proxy = `http://${outbound}`;
  const env = {
    ...mesh.env,
    PORT: port,
    http_proxy: proxy,
    HTTP_PROXY: proxy,
    no_proxy: '',
    NO_PROXY: '',
    SHADOWMESH_WORKLOAD: spec.name,
    SHADOWMESH_NAMESPACE: spec.namespace,
  };
  if (spec.app.kind === 'command') {
    return supervisor.start({
      name: `${label} (${spec.app.command})`,
      command: '/bin/sh',
      args: ['-c', spec.app.command],
      env,
      logFile: logFile(mesh, `${label}.app`),
      ownGroup: true,
    });
  }
  const name = spec.app.kind === 'demo' ? spec.app.app : 'idle';
  return supervisor.start({
    name: `${label} app ${name}`,
    command: process.execPath,
    args: cliArgv(['app', name, '--listen', app, '--version', versionLabel(spec.labels)]),
    env,
    logFile: logFile(mesh, `${label}.app`),
  });
}

/** The `version` label when it is a valid demo version, else v1. */
function versionLabel(labels: Record<string, string>): string {
  const v = labels.version;
  return v !== undefined && /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/.test(v) ? v : 'v1';
}

/** A proxy's environment: the token, quiet logs, and no HTTP proxy of its own. */
export function proxyEnv(mesh: MeshTarget): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {
    ...mesh.env,
    SHADOWMESH_LOG_LEVEL: mesh.env.SHADOWMESH_LOG_LEVEL ?? 'warn',
  };
  for (const name of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY']) delete env[name];
  if (mesh.token !== null) env.SHADOWMESH_TOKEN = mesh.token;
  else delete env.SHADOWMESH_TOKEN;
  return env;
}

export function logFile(mesh: MeshTarget, name: string): string | null {
  return mesh.logDir === null ? null : `${mesh.logDir}/${name}.log`;
}
