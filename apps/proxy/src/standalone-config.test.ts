import { describe, expect, it } from 'vitest';
import { parseStandaloneConfig } from './standalone-config.js';

const service = `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  ports:
  - port: 8000
  selector:
    app: httpbin
`;

describe('parseStandaloneConfig', () => {
  it('turns WorkloadEntries into endpoints and keeps the mesh resources', () => {
    const entry = `apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: httpbin-v1
  namespace: web
spec:
  address: 127.0.0.1
  ports:
    http: 15006
  labels:
    app: httpbin
    version: v1
`;
    const snapshot = parseStandaloneConfig(`${service}---\n${entry}`, 'mesh.yaml', 'default');
    expect(snapshot.version).toMatch(/^file-[0-9a-f]{12}$/);
    expect(snapshot.resources.map((r) => r.kind)).toEqual(['Service']);
    expect(snapshot.endpoints).toEqual([
      {
        proxyId: 'file/web/httpbin-v1',
        workload: 'httpbin-v1',
        namespace: 'web',
        labels: { app: 'httpbin', version: 'v1' },
        address: '127.0.0.1:15006',
      },
    ]);
  });

  it('names the file, the document and the field of a bad WorkloadEntry', () => {
    const bad =
      'apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata:\n  name: x\nspec:\n  address: 127.0.0.1\n';
    expect(() => parseStandaloneConfig(`${service}---\n${bad}`, 'mesh.yaml', 'default')).toThrow(
      /^--config: mesh\.yaml \(document 1\): WorkloadEntry default\/x: spec\.ports: required/,
    );
  });

  it('reports invalid resources with file, line and field', () => {
    const vs =
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  hosts: [a]\n  http:\n  - route:\n    - destination:\n        host: a\n      weight: -1\n';
    expect(() => parseStandaloneConfig(vs, 'mesh.yaml', 'default')).toThrow(
      /mesh\.yaml:\d+:\d+: spec\.http\[0\]\.route\[0\]\.weight/,
    );
  });
});
