import type { KubernetesGateway } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resourceYaml, storedForm } from './yamlText';

const gateway: KubernetesGateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'KubernetesGateway',
  metadata: { name: 'edge', namespace: 'default', resourceVersion: '3' },
  spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
};

describe('resourceYaml and storedForm', () => {
  it('shows a Gateway API Gateway as `kind: Gateway` and maps it back to its stored kind', () => {
    const text = resourceYaml(gateway);
    expect(text).toMatch(/^apiVersion: gateway.networking.k8s.io\/v1\nkind: Gateway\nmetadata:/);
    expect(text).not.toContain('resourceVersion');
    const written = parse(text) as Record<string, unknown>;
    expect(storedForm(written)).toEqual({ ...gateway, metadata: { name: 'edge', namespace: 'default' } });
  });

  it('leaves Istio kinds and unknown objects as they are', () => {
    const istio = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw' },
      spec: {},
    };
    expect(storedForm(istio)).toBe(istio);
    expect(resourceYaml(istio)).toContain('kind: Gateway\n');
    const other = { kind: 'Deployment', apiVersion: 'apps/v1' };
    expect(storedForm(other)).toBe(other);
  });
});
