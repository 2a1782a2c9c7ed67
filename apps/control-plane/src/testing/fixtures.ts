// Small valid objects for tests.
export function serviceObject(
  name: string,
  extra: { namespace?: string; labels?: Record<string, string>; port?: number } = {},
) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      ...(extra.namespace ? { namespace: extra.namespace } : {}),
      ...(extra.labels ? { labels: extra.labels } : {}),
    },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: extra.port ?? 8000 }] },
  };
}

export function virtualServiceObject(name: string, host: string, weights: number[] = [100]) {
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name },
    spec: {
      hosts: [host],
      http: [
        {
          route: weights.map((weight, i) => ({ destination: { host, subset: `v${i + 1}` }, weight })),
        },
      ],
    },
  };
}

export const JSON_HEADERS = { 'content-type': 'application/json' };
export const YAML_HEADERS = { 'content-type': 'application/yaml' };

/** A Gateway API HTTPRoute splitting `host` between `<host>-v1`, `<host>-v2`… Services by `weights`. */
export function httpRouteObject(name: string, host: string, weights: number[] = [1]) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name },
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: host, port: 8000 }],
      rules: [
        { backendRefs: weights.map((weight, i) => ({ name: `${host}-v${i + 1}`, port: 8000, weight })) },
      ],
    },
  };
}

/** A Gateway API Gateway as written in manifests (`kind: Gateway`; `KubernetesGateway` once stored). */
export function kubernetesGatewayObject(name: string, port = 80) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name },
    spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port, protocol: 'HTTP' }] },
  };
}

/** An Istio Gateway selecting the ingress gateway. */
export function istioGatewayObject(name: string, port = 80) {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [{ port: { number: port, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
    },
  };
}
