// The YAML a new object starts from, per kind: a small valid example to adapt (for an HTTPRoute, the
// mesh case: a Service parent and two weighted per-version backends).
import { type KindInfo, preferredApiVersion } from '@shadowmesh/api';
import { resourceYaml } from './yamlText';

function specOf(info: KindInfo): Record<string, unknown> {
  switch (info.kind) {
    case 'HTTPRoute':
      return {
        parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
        rules: [
          {
            backendRefs: [
              { name: 'reviews-v1', port: 9080, weight: 90 },
              { name: 'reviews-v2', port: 9080, weight: 10 },
            ],
          },
        ],
      };
    case 'KubernetesGateway':
      return { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] };
    case 'VirtualService':
      return { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] };
    case 'DestinationRule':
      return { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] };
    case 'Service':
      return { selector: { app: 'reviews' }, ports: [{ port: 9080 }] };
    default:
      return {};
  }
}

/** The starting YAML of a new object of this kind in `namespace` (the kind as manifests write it). */
export function newObjectTemplate(info: KindInfo, namespace: string): string {
  return resourceYaml({
    apiVersion: preferredApiVersion(info.kind),
    kind: info.kind,
    metadata: { name: info.kind === 'MeshConfig' ? 'default' : 'reviews', namespace },
    spec: specOf(info),
  });
}
