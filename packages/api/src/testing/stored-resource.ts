// A VirtualService as the control plane returns it: server fields, status and shadowmesh.io keys beside
// what its author wrote, in the server's key order. Tests of manifest cleaning and output share it.
export const STORED_VIRTUAL_SERVICE = {
  kind: 'VirtualService',
  spec: {
    hosts: ['httpbin'],
    http: [{ route: [{ destination: { host: 'httpbin', subset: 'v1' }, weight: 100 }] }],
  },
  status: { validationMessages: [] },
  metadata: {
    uid: '3f0c',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [],
    ownerReferences: [{ kind: 'Thing', name: 'x' }],
    labels: {},
    annotations: { note: 'keep me', 'shadowmesh.io/revision': '7', 'x.shadowmesh.io/y': 'z' },
    namespace: 'default',
    name: 'httpbin',
  },
  apiVersion: 'networking.istio.io/v1',
};
