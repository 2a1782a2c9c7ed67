import type { MeshResource } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { ShadowSettingsSource } from './shadow-settings-source.js';

const policy = (name: string, spec: Record<string, unknown>, namespace = 'default'): MeshResource =>
  ({
    apiVersion: 'shadowmesh.io/v1alpha1',
    kind: 'ShadowPolicy',
    metadata: { name, namespace },
    spec,
  }) as MeshResource;

const meshConfig = (spec: Record<string, unknown>): MeshResource =>
  ({
    apiVersion: 'shadowmesh.io/v1alpha1',
    kind: 'MeshConfig',
    metadata: { name: 'default', namespace: 'default' },
    spec,
  }) as MeshResource;

function store(resources: MeshResource[]) {
  const s = { headRevision: 1, resources, list: () => s.resources };
  return s;
}

describe('ShadowSettingsSource', () => {
  it('gives each mirror target host its ShadowPolicy ignore rules, short names resolved', () => {
    const source = new ShadowSettingsSource(
      store([
        policy('httpbin', {
          host: 'httpbin',
          divergence: { ignoreHeaders: ['X-Trace'], ignoreJsonPaths: ['$.timestamp', 'not a path ['] },
        }),
        policy('any-example', { host: '*.example.com', divergence: { ignoreHeaders: ['etag'] } }),
      ]),
    );
    expect(source.rulesFor('httpbin.default.svc.cluster.local')).toEqual({
      ignoreHeaders: ['x-trace'],
      ignoreJsonPaths: ['$.timestamp'],
    });
    expect(source.rulesFor('api.example.com').ignoreHeaders).toEqual(['etag']);
    expect(source.rulesFor('reviews.default.svc.cluster.local')).toEqual({
      ignoreHeaders: [],
      ignoreJsonPaths: [],
    });
  });

  it('waits for copies the longest mirror timeout plus the grace, and follows config revisions', () => {
    const s = store([]);
    const source = new ShadowSettingsSource(s, 1_000);
    expect(source.copyWaitMs()).toBe(5_000 + 1_000);
    s.resources = [
      meshConfig({ mirror: { timeout: '2s' } }),
      policy('slow', { host: 'slow', mirror: { timeout: '30s' } }),
    ];
    s.headRevision = 2;
    expect(source.copyWaitMs()).toBe(31_000);
  });
});
