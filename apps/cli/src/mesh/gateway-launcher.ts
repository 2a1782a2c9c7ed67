// Starts a gateway child: the ingress gateway (`istio: ingressgateway`, as the tutorials' Gateways select),
// or the deployment of a Gateway API Gateway.
import { GATEWAY_NAME_LABEL, type KubernetesGateway } from '@shadowmesh/api';
import type { ChildHandle } from './child-process.js';
import { cliArgv } from './cli-paths.js';
import type { Supervisor } from './supervisor.js';
import { httpGet, waitUntil } from './wait-until.js';
import { logFile, type MeshTarget, proxyEnv } from './workload-launcher.js';

export interface GatewaySpec {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** HOST:PORT clients connect to (port 0 picks one). */
  listen: string;
}

export interface RunningGateway {
  spec: GatewaySpec;
  proxyId: string;
  /** HOST:PORT as bound. */
  listen: string;
  admin: string;
  child: ChildHandle;
}

export const INGRESS_GATEWAY: Omit<GatewaySpec, 'listen'> = Object.freeze({
  name: 'istio-ingressgateway',
  namespace: 'istio-system',
  labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' },
});

/**
 * The gateway deployment istiod makes for a Gateway API Gateway: named `<gateway>-<gatewayClassName>` in the
 * Gateway's namespace, labelled with the Gateway's name (which the Gateway's listeners select).
 */
export function gatewayDeploymentFor(gateway: KubernetesGateway, listen: string): GatewaySpec {
  const name = gateway.metadata.name;
  return {
    name: `${name}-${gateway.spec.gatewayClassName}`,
    namespace: gateway.metadata.namespace ?? 'default',
    labels: { [GATEWAY_NAME_LABEL]: name, 'istio.io/gateway-name': name },
    listen,
  };
}

const GATEWAY_READY = /shadowmesh gateway (\S+): listen (\S+) admin (\S+)/;

export async function launchGateway(
  supervisor: Supervisor,
  spec: GatewaySpec,
  mesh: MeshTarget,
): Promise<RunningGateway> {
  const label = `${spec.name}.${spec.namespace}`;
  const child = supervisor.start({
    name: `${label} gateway`,
    command: process.execPath,
    args: cliArgv([
      'gateway',
      '--control-plane',
      mesh.controlPlane,
      '--name',
      spec.name,
      '--namespace',
      spec.namespace,
      '--labels',
      Object.entries(spec.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
      '--listen',
      spec.listen,
      '--admin',
      '127.0.0.1:0',
    ]),
    env: proxyEnv(mesh),
    logFile: logFile(mesh, `${label}.gateway`),
  });
  try {
    const [, proxyId, listen, admin] = await child.waitForOutput(GATEWAY_READY, mesh.readyTimeoutMs);
    await waitUntil(
      async () => ((await httpGet(`http://${admin}/ready`))?.status === 200 ? true : undefined),
      {
        what: `${label} gateway /ready`,
        timeoutMs: mesh.readyTimeoutMs,
        abort: () => (child.exitStatus() ? new Error(`${child.name} exited:\n${child.tail()}`) : null),
      },
    );
    return { spec, proxyId: proxyId!, listen: listen!, admin: admin!, child };
  } catch (err) {
    await child.stop(1_000);
    throw err;
  }
}
