// Gateway API `Gateway` → the Istio Gateways (one per HTTP listener) that select its gateway proxies.
import type { Gateway, KubernetesGateway, Listener } from '@shadowmesh/api';
import { GATEWAY_NAME_LABEL } from '@shadowmesh/api';
import { namespaceOf } from '../resource-set.js';

/** Listener protocols a plain-HTTP gateway proxy serves. */
const HTTP_LISTENER_PROTOCOLS = new Set(['HTTP']);

/** Name of the Istio Gateway made for one listener (unlike any user's: `~` is not a DNS character). */
export function listenerGatewayName(gw: KubernetesGateway, listener: Listener): string {
  return `${gw.metadata.name}~${listener.name}`;
}

/**
 * The server host of a listener: its hostname (or `*`) with the namespaces whose routes may attach —
 * `Same` (the default) the Gateway's own (`./host`), `All` any (`*‍/host`). `Selector` needs Namespace
 * labels the mesh does not keep, so it is treated as `Same` and reported.
 */
function serverHost(listener: Listener, onIssue: (m: string) => void, gwKey: string): string {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'Selector') {
    onIssue(`${gwKey} listener ${listener.name}: allowedRoutes from Selector is treated as Same`);
  }
  return `${from === 'All' ? '*' : '.'}/${listener.hostname ?? '*'}`;
}

/** One Istio Gateway per HTTP listener, selecting proxies labelled with the Gateway's name. */
export function translateGateway(gw: KubernetesGateway, onIssue: (m: string) => void): Gateway[] {
  const ns = namespaceOf(gw);
  const gwKey = `${ns}/${gw.metadata.name}`;
  const out: Gateway[] = [];
  for (const listener of gw.spec.listeners ?? []) {
    if (!HTTP_LISTENER_PROTOCOLS.has(String(listener.protocol).toUpperCase())) {
      onIssue(`${gwKey} listener ${listener.name}: protocol ${listener.protocol} is not served (HTTP only)`);
      continue;
    }
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: {
        name: listenerGatewayName(gw, listener),
        namespace: ns,
        creationTimestamp: gw.metadata.creationTimestamp,
      },
      spec: {
        selector: { [GATEWAY_NAME_LABEL]: gw.metadata.name },
        servers: [
          {
            port: { number: listener.port, protocol: 'HTTP', name: listener.name },
            hosts: [serverHost(listener, onIssue, gwKey)],
          },
        ],
      },
    });
  }
  return out;
}
