// `shadowmesh sidecar`: the inbound listener (mesh traffic → the local app, access-logged) and the
// outbound listener (an HTTP proxy for the app's calls out, routed by the mesh config).
import { randomBytes } from 'node:crypto';
import { AccessLog } from './access-log.js';
import type { SidecarConfig } from './config.js';
import { createConnectHandler } from './connect-tunnel.js';
import { formatHostPort } from './host-port.js';
import { createInboundHandler } from './inbound-handler.js';
import type { ProxyHandle, StartOptions } from './proxy-handle.js';
import { createRoutedHandler } from './routed-handler.js';
import { routedTunnelTarget } from './routed-tunnel-target.js';
import { sourceLabels } from './source-labels.js';
import { startProxy } from './start-proxy.js';
import { createUpgradeHandler } from './upgrade-tunnel.js';

export function startSidecar(config: SidecarConfig, options: StartOptions = {}): Promise<ProxyHandle> {
  const id = `${config.workload}.${config.namespace}-${randomBytes(3).toString('hex')}`;
  const app = config.app === null ? null : formatHostPort(config.app.host, config.app.port);
  return startProxy(
    config,
    options,
    (addresses) => ({
      id,
      kind: 'sidecar',
      workload: config.workload,
      namespace: config.namespace,
      labels: { ...config.labels },
      inbound: addresses.inbound ?? null,
      outbound: addresses.outbound ?? null,
      admin: null,
    }),
    async ({ rt, listeners }) => {
      const accessLog = new AccessLog(options.accessLogCapacity ?? 1_000, rt.logger.child({ log: 'access' }));
      const self = sourceLabels('destination', config.workload, config.namespace, config.labels);
      const onError = (err: unknown) => rt.logger.error({ err }, 'upgrade handler failed');
      const inbound = await listeners.listen('--inbound', config.inbound, {
        request: createInboundHandler(rt, { app, accessLog, self }),
        upgrade: createUpgradeHandler((req) => {
          if (app === null) return { status: 503, flags: 'UH', text: 'no healthy upstream' };
          return { address: app, authority: req.headers.host ?? app, path: req.url ?? '/' };
        }, onError),
      });
      const outbound = await listeners.listen('--outbound', config.outbound, {
        request: createRoutedHandler(rt, 80, true),
        upgrade: createUpgradeHandler((req) => routedTunnelTarget(rt, req, 80, true), onError),
        connect: createConnectHandler(rt),
      });
      return { addresses: { inbound, outbound }, accessLog };
    },
  );
}
