// The control plane with the dashboard, in this process (as `shadowmesh up` runs it), for `demo` and `run --up`.
import type { RunningControlPlane } from '@shadowmesh/control-plane';
import { CliError } from '../client/cli-error.js';
import { dashboardDir } from '../dashboard-dir.js';

export interface LocalControlPlaneOptions {
  listen: string;
  data: string;
  auth: 'token' | 'none';
  logLevel: string;
  /** The demo load generator's control endpoint (`http://HOST:PORT`), served as `/api/v1/demo/load`. */
  demoLoadUrl?: string;
}

export async function startLocalControlPlane(
  options: LocalControlPlaneOptions,
): Promise<RunningControlPlane> {
  // Loaded on use, as `up` does: commands that only talk to a control plane never load Fastify or SQLite.
  const { controlPlaneConfig, startControlPlane, CpError } = await import('@shadowmesh/control-plane');
  try {
    const config = controlPlaneConfig({
      listen: options.listen,
      data: options.data,
      auth: options.auth,
      dashboardDir: dashboardDir(),
      logLevel: options.logLevel,
      ...(options.demoLoadUrl ? { demoLoadUrl: options.demoLoadUrl } : {}),
    });
    return await startControlPlane(config);
  } catch (err) {
    if (!(err instanceof CpError)) throw err;
    const hint =
      err.code === 'CP_ERR_ADDRESS_IN_USE'
        ? ' (is another shadowmesh up, demo or run --up running? stop it, or pass --listen 127.0.0.1:0)'
        : '';
    throw new CliError(`control plane: ${err.message}${hint}`);
  }
}
