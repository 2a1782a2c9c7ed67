// Proxies: the push WebSocket, `proxy-status`, and the read-only workload list they register.
import { type ProxyStatus, reachableAddress, type WorkloadInstance } from '@shadowmesh/api';
import type { FastifyInstance } from 'fastify';
import { attachProxySession } from '../../services/push/proxy-session.js';

export async function proxyRoutes(app: FastifyInstance): Promise<void> {
  const { registry, publisher, sink, log, helloTimeoutMs } = app.services;
  app.get('/api/v1/proxies/connect', { websocket: true, config: { auth: 'write' } }, (socket) =>
    attachProxySession(socket, { registry, publisher, sink, log, helloTimeoutMs }),
  );

  app.get('/api/v1/proxy-status', async (): Promise<ProxyStatus[]> => registry.statuses());

  app.get(
    '/api/v1/workloads',
    async (): Promise<WorkloadInstance[]> =>
      registry
        .statuses()
        .filter((s) => s.proxy.kind === 'sidecar')
        .map((s) => ({
          proxyId: s.proxy.id,
          kind: s.proxy.kind,
          workload: s.proxy.workload,
          namespace: s.proxy.namespace,
          labels: s.proxy.labels,
          inbound: reachableAddress(s.proxy),
          connected: s.connected,
          lastSeen: s.lastSeen,
        })),
  );
}
