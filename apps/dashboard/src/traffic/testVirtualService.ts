// A VirtualService for the traffic tests (not shipped: only *.test.ts files import it).
import type { HTTPRoute, VirtualService } from '@shadowmesh/api';

export function testVirtualService(http: HTTPRoute[]): VirtualService {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'httpbin', namespace: 'default', resourceVersion: '5' },
    spec: { hosts: ['httpbin'], http },
  };
}

export const v1 = { host: 'httpbin', subset: 'v1' };
export const v2 = { host: 'httpbin', subset: 'v2' };
export const v3 = { host: 'httpbin', subset: 'v3' };
