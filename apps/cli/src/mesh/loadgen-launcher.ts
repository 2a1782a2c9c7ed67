// Starts the demo load generator as a child (`shadowmesh app loadgen`), through the gateway or a sidecar.
import type { ChildHandle } from './child-process.js';
import { cliArgv } from './cli-paths.js';
import { LOADGEN_READY } from './loadgen-app.js';
import type { Supervisor } from './supervisor.js';
import { logFile, type MeshTarget } from './workload-launcher.js';

export interface LoadgenSpec {
  /** Base URL: `http://httpbin:8000` (with `proxy`) or the gateway's `http://127.0.0.1:PORT`. */
  target: string;
  /** A sidecar's outbound `HOST:PORT`, or null to send straight to the target (a gateway). */
  proxy: string | null;
  host: string | null;
  rate: number;
  paths: string;
  /** Browser origin allowed to call its control endpoint (the dashboard's). */
  corsOrigin: string | null;
  /** Where its control endpoint listens: `127.0.0.1:0` picks a port; `shadowmesh demo` picks one first. */
  listen: string;
}

export interface RunningLoadgen {
  spec: LoadgenSpec;
  /** HOST:PORT of the control endpoint (`GET/PUT /rate`, `GET /stats`). */
  admin: string;
  child: ChildHandle;
}

export async function launchLoadgen(
  supervisor: Supervisor,
  spec: LoadgenSpec,
  mesh: MeshTarget,
): Promise<RunningLoadgen> {
  const child = supervisor.start({
    name: 'loadgen',
    command: process.execPath,
    args: cliArgv([
      'app',
      'loadgen',
      '--listen',
      spec.listen,
      '--target',
      spec.target,
      '--rate',
      String(spec.rate),
      '--paths',
      spec.paths,
      ...(spec.proxy ? ['--proxy', `http://${spec.proxy}`] : []),
      ...(spec.host ? ['--host', spec.host] : []),
      ...(spec.corsOrigin ? ['--cors-origin', spec.corsOrigin] : []),
    ]),
    env: mesh.env,
    logFile: logFile(mesh, 'loadgen'),
  });
  try {
    const match = await child.waitForOutput(LOADGEN_READY, mesh.readyTimeoutMs);
    return { spec, admin: match[3]!, child };
  } catch (err) {
    await child.stop(1_000);
    throw err;
  }
}
