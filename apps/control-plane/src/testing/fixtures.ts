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
