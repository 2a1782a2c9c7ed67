import { kindInfo } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { kindLabel, kindLabelOf } from './kindLabel';

describe('kindLabel', () => {
  it('tells a Gateway API Gateway from an Istio Gateway by its group', () => {
    expect(kindLabel(kindInfo('KubernetesGateway'))).toBe('Gateway (gateway.networking.k8s.io)');
    expect(kindLabel(kindInfo('Gateway'))).toBe('Gateway');
    expect(kindLabel(kindInfo('HTTPRoute'))).toBe('HTTPRoute');
    expect(kindLabelOf('KubernetesGateway')).toBe('Gateway (gateway.networking.k8s.io)');
    expect(kindLabelOf('Deployment')).toBe('Deployment');
  });
});
