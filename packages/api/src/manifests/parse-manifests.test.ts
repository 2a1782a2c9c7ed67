import { describe, expect, it } from 'vitest';
import { parseManifests } from './parse-manifests.js';

// The repo's tutorials/ (exactly what users paste), loaded as text by Vite so the package stays free of node:.
const FILES = import.meta.glob('../../../../tutorials/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const tutorials = Object.keys(FILES).map((path) => path.slice(path.lastIndexOf('/') + 1));

describe('parseManifests: the tutorials', () => {
  it('has the tutorial files', () => {
    expect(tutorials.length).toBeGreaterThanOrEqual(12);
  });

  it.each(tutorials)('%s: every Istio/Service object accepted, Deployments skipped', (file) => {
    const text = FILES[`../../../../tutorials/${file}`] ?? '';
    const parsed = parseManifests(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.ok).toBe(true);
    const docs = text.split(/^---$/m).filter((d) => d.trim() !== '');
    expect(parsed.entries).toHaveLength(docs.length);
    for (const s of parsed.skipped) {
      expect(s.kind).toBe('Deployment');
      expect(s.reason).toMatch(/not managed/);
    }
    for (const r of parsed.resources) {
      expect(['VirtualService', 'DestinationRule', 'Gateway', 'Service']).toContain(r.kind);
      expect(r.metadata.namespace).toBe(file.startsWith('music') ? 'music' : 'default');
    }
    expect(parsed.resources.length + parsed.skipped.length).toBe(docs.length);
  });
});

describe('parseManifests', () => {
  it('reports malformed YAML with line and column', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec: {ports: [{port: 80}]}\n---\nkind: [unclosed\n';
    const parsed = parseManifests(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.resources).toHaveLength(1); // the caller decides whether to apply the valid documents
    const e = parsed.errors[0];
    expect(e?.document).toBe(1);
    expect(e?.line).toBe(8);
    expect(e?.column).toBeGreaterThan(0);
    expect(e?.message).not.toMatch(/\n/);
  });

  it('locates field errors in the text', () => {
    const text = [
      'apiVersion: networking.istio.io/v1',
      'kind: VirtualService',
      'metadata:',
      '  name: a',
      'spec:',
      '  hosts: [a]',
      '  http:',
      '  - route:',
      '    - destination: {host: a}',
      '    - destination: {host: b}',
      '      weight: abc',
    ].join('\n');
    const parsed = parseManifests(text);
    expect(parsed.errors).toEqual([
      {
        field: 'spec.http[0].route[1].weight',
        message: 'must be an integer (got "abc")',
        document: 0,
        line: 11,
        column: 15,
      },
    ]);
    expect(parsed.entries[0]).toMatchObject({ status: 'error', kind: 'VirtualService', name: 'a' });
  });

  it('ignores empty documents but keeps document indexes', () => {
    const text =
      '---\n---\n# only a comment\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n';
    const parsed = parseManifests(text);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]?.index).toBe(2);
    expect(parsed.entries[0]?.line).toBe(5);
  });

  it('skips kinds it does not manage, and unimplemented Istio kinds', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: music}',
      'apiVersion: v1\nkind: Secret\nmetadata: {name: s}',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}',
      'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: default}',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {name: g}',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: istio}',
    ].join('\n---\n');
    const parsed = parseManifests(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.skipped.map((s) => [s.kind, s.name])).toEqual([
      ['Namespace', 'music'],
      ['Secret', 's'],
      ['Deployment', 'd'],
      ['Sidecar', 'default'],
      ['GRPCRoute', 'g'],
      ['GatewayClass', 'istio'],
    ]);
    expect(parsed.skipped[4]?.reason).toMatch(/GRPCRoute .* is skipped: gRPC routes are not implemented/);
  });

  it('tells a Gateway API Gateway from an Istio Gateway by its apiVersion', () => {
    const parsed = parseManifests(
      [
        'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}',
        'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {servers: [{port: {number: 80, protocol: HTTP}, hosts: ["*"]}]}',
        'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: g}]}',
      ].join('\n---\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.resources.map((r) => [r.kind, r.apiVersion])).toEqual([
      ['KubernetesGateway', 'gateway.networking.k8s.io/v1'],
      ['Gateway', 'networking.istio.io/v1'],
      ['HTTPRoute', 'gateway.networking.k8s.io/v1beta1'],
    ]);
  });

  it('treats an unknown kind in an Istio group as an error, not a skip', () => {
    const parsed = parseManifests(
      'apiVersion: networking.istio.io/v1\nkind: VirtualSevice\nmetadata: {name: a}\nspec: {}\n',
    );
    expect(parsed.errors[0]).toMatchObject({ field: 'kind', document: 0 });
  });

  it('parses JSON and kind: List', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } },
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' } },
      ],
    };
    const parsed = parseManifests(JSON.stringify(list));
    expect(parsed.ok).toBe(true);
    expect(parsed.entries.map((e) => [e.status, e.item])).toEqual([
      ['resource', 0],
      ['skipped', 1],
    ]);
  });

  it('applies the default namespace option', () => {
    const parsed = parseManifests(
      'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}',
      {
        defaultNamespace: 'music',
      },
    );
    expect(parsed.resources[0]?.metadata.namespace).toBe('music');
  });

  it('rejects duplicate keys like kubectl', () => {
    const parsed = parseManifests('apiVersion: v1\nkind: Service\nkind: Service\nmetadata: {name: a}\n');
    expect(parsed.ok).toBe(false);
    expect(parsed.errors[0]?.line).toBe(3);
  });
});
