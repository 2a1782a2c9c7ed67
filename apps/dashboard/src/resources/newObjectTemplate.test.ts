import { KINDS, kindInfo } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newObjectTemplate } from './newObjectTemplate';
import { createTarget } from './useYamlCreate';

describe('newObjectTemplate', () => {
  it('starts an HTTPRoute as the mesh case: a Service parent and weighted backends', () => {
    const text = newObjectTemplate(kindInfo('HTTPRoute'), 'shop');
    expect(text).toContain('apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n');
    expect(text).toContain('kind: Service');
    expect(createTarget(parse(text))).toEqual({
      plural: 'httproutes',
      namespace: 'shop',
      name: 'reviews',
      kind: 'HTTPRoute',
    });
  });

  it.each(KINDS.map((k) => [k.kind, k] as const))('%s goes to its own collection', (_, info) => {
    const target = createTarget(parse(newObjectTemplate(info, 'default')));
    expect(target?.plural).toBe(info.plural);
  });

  it('writes a Gateway API Gateway `kind: Gateway`', () => {
    const text = newObjectTemplate(kindInfo('KubernetesGateway'), 'default');
    expect(text).toContain('kind: Gateway\n');
    expect(createTarget(parse(text))?.plural).toBe('gateways.gateway.networking.k8s.io');
  });
});

describe('createTarget', () => {
  it('needs a managed kind and apiVersion; the namespace defaults', () => {
    expect(createTarget({ kind: 'Deployment', apiVersion: 'apps/v1' })).toBeNull();
    expect(createTarget({ kind: 'HTTPRoute' })).toBeNull();
    expect(createTarget({ kind: 'Service', apiVersion: 'v1', metadata: { name: 'a' } })).toEqual({
      plural: 'services',
      namespace: 'default',
      name: 'a',
      kind: 'Service',
    });
  });
});
