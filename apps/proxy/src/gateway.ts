// `shadowmesh gateway`: one listener serving the VirtualServices bound to the Gateways that select it.
import { randomBytes } from 'node:crypto';
import type { GatewayConfig } from './config.js';
import type { ProxyHandle, StartOptions } from './proxy-handle.js';
import { createRoutedHandler } from './routed-handler.js';
import { routedTunnelTarget } from './routed-tunnel-target.js';
import { startProxy } from './start-proxy.js';
import { createUpgradeHandler } from './upgrade-tunnel.js';

/**
 * The port a request is matched against when its Host names none: Gateway servers listen on 80 in the
 * tutorials, whatever local port `--listen` binds.
 */
export const GATEWAY_DEFAULT_PORT = 80;

export function startGateway(config: GatewayConfig, options: StartOptions = {}): Promise<ProxyHandle> {
  const id = `${config.name}.${config.namespace}-${randomBytes(3).toString('hex')}`;
  return startProxy(
    config,
    options,
    (addresses) => ({
      id,
      kind: 'gateway',
      workload: config.name,
      namespace: config.namespace,
      labels: { ...config.labels },
      inbound: null,
      outbound: null,
      admin: null,
      listen: addresses.listen ?? null,
    }),
    async ({ rt, listeners }) => {
      const onError = (err: unknown) => rt.logger.error({ err }, 'upgrade handler failed');
      const listen = await listeners.listen('--listen', config.listen, {
        request: createRoutedHandler(rt, GATEWAY_DEFAULT_PORT),
        upgrade: createUpgradeHandler((req) => routedTunnelTarget(rt, req, GATEWAY_DEFAULT_PORT), onError),
      });
      return { addresses: { listen }, accessLog: null };
    },
  );
}
