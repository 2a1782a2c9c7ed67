import type { TSchema } from '@sinclair/typebox';
import { type MeshResource, RESOURCE_SCHEMAS } from '../resources/mesh-resource.js';
import { checkDestinationRule } from './destination-rule-rules.js';
import type { Issue } from './finding.js';
import { checkKubernetesGateway } from './gateway-api-gateway-rules.js';
import { checkHTTPRoute } from './gateway-api-rules.js';
import { checkGateway, checkServiceEntry } from './gateway-rules.js';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain } from './names.js';
import { RuleContext } from './rule-context.js';
import { checkMeshConfig, checkService, checkShadowPolicy } from './service-rules.js';
import { unknownFields } from './unknown-fields.js';
import { checkVirtualService } from './virtual-service-rules.js';

function checkMetadata(r: MeshResource): RuleContext {
  const ctx = new RuleContext();
  const m = r.metadata;
  if (m.name === '') ctx.error('metadata.name', 'is required');
  else {
    const e = r.kind === 'Service' ? checkDns1035Label(m.name) : checkDns1123Subdomain(m.name);
    if (e) ctx.error('metadata.name', e);
  }
  if (m.namespace !== undefined) {
    const e = checkDns1123Label(m.namespace);
    if (e) ctx.error('metadata.namespace', e);
  }
  ctx.labels('metadata.labels', m.labels);
  return ctx;
}

function checkSpec(r: MeshResource): RuleContext {
  switch (r.kind) {
    case 'VirtualService':
      return checkVirtualService(r);
    case 'DestinationRule':
      return checkDestinationRule(r);
    case 'Gateway':
      return checkGateway(r);
    case 'ServiceEntry':
      return checkServiceEntry(r);
    case 'Service':
      return checkService(r);
    case 'MeshConfig':
      return checkMeshConfig(r);
    case 'ShadowPolicy':
      return checkShadowPolicy(r);
    case 'HTTPRoute':
      return checkHTTPRoute(r);
    case 'KubernetesGateway':
      return checkKubernetesGateway(r);
  }
}

/**
 * The single-resource rules (istiod webhook rules plus single-resource analysis such as weight sums) for a
 * resource that already matches its schema. Each issue's level comes from its code.
 */
export function checkResourceRules(resource: MeshResource): Issue[] {
  const specSchema = (RESOURCE_SCHEMAS[resource.kind] as unknown as { properties: { spec: TSchema } })
    .properties.spec;
  return [
    ...checkMetadata(resource).issues,
    ...checkSpec(resource).issues,
    ...unknownFields(specSchema, resource.spec),
  ];
}
