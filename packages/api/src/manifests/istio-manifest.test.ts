import { describe, expect, it } from 'vitest';
import { STORED_VIRTUAL_SERVICE as stored } from '../testing/stored-resource.js';
import { isShadowmeshKey, toIstioExport, toIstioManifest } from './istio-manifest.js';

describe('toIstioManifest', () => {
  it('drops server fields, status and shadowmesh.io keys; keeps what a user writes, in their order', () => {
    const clean = toIstioManifest(stored);
    expect(clean).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'httpbin', namespace: 'default', annotations: { note: 'keep me' } },
      spec: stored.spec,
    });
    expect(Object.keys(clean)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(clean.metadata)).toEqual(['name', 'namespace', 'annotations']);
  });

  it('does not change or share its input', () => {
    const copy = JSON.parse(JSON.stringify(stored));
    const clean = toIstioManifest(stored);
    expect(stored).toEqual(copy);
    expect(clean.spec).not.toBe(stored.spec);
  });

  it('writes a Gateway API Gateway as kind: Gateway', () => {
    const gw = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'KubernetesGateway',
      metadata: { name: 'g' },
    };
    expect(toIstioManifest(gw).kind).toBe('Gateway');
  });

  it('tells Shadowmesh keys from others by their prefix domain', () => {
    expect(isShadowmeshKey('shadowmesh.io/x')).toBe(true);
    expect(isShadowmeshKey('a.shadowmesh.io/x')).toBe(true);
    expect(isShadowmeshKey('notshadowmesh.io/x')).toBe(false);
    expect(isShadowmeshKey('shadowmesh.io')).toBe(false);
    expect(isShadowmeshKey('app')).toBe(false);
  });
});

describe('toIstioExport', () => {
  it('leaves out the shadowmesh.io kinds, saying which and why, and keeps the order of the rest', () => {
    const mc = {
      apiVersion: 'shadowmesh.io/v1alpha1',
      kind: 'MeshConfig',
      metadata: { name: 'default', namespace: 'default' },
      spec: {},
    };
    const sp = {
      apiVersion: 'shadowmesh.io/v1alpha1',
      kind: 'ShadowPolicy',
      metadata: { name: 'p', namespace: 'shop' },
      spec: {},
    };
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' },
      spec: {},
    };
    const out = toIstioExport([svc, mc, stored, sp]);
    expect(out.manifests.map((m) => m.kind)).toEqual(['Service', 'VirtualService']);
    expect(out.leftOut.map((l) => `${l.kind} ${l.namespace}/${l.name}`)).toEqual([
      'MeshConfig default/default',
      'ShadowPolicy shop/p',
    ]);
    expect(out.leftOut[0]?.reason).toMatch(/Shadowmesh-only/);
  });
});
