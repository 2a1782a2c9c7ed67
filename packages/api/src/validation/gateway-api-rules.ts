import type { GatewayHTTPRoute } from '../resources/gateway-api/http-route-kind.js';
import type { KubernetesGateway } from '../resources/gateway-api/kubernetes-gateway.js';
import { checkPortNumber } from './names.js';
import { RuleContext } from './rule-context.js';

/** The Gateway API CRD rules (OpenAPI bounds and CEL) for an HTTPRoute. */
export function checkHTTPRoute(route: GatewayHTTPRoute): RuleContext {
  const ctx = new RuleContext();
  for (const [i, rule] of (route.spec.rules ?? []).entries()) {
    for (const [j, ref] of (rule.backendRefs ?? []).entries()) {
      if (ref.port !== undefined) {
        const e = checkPortNumber(ref.port);
        if (e) ctx.error(`spec.rules[${i}].backendRefs[${j}].port`, e);
      }
    }
  }
  return ctx;
}

/** The Gateway API CRD rules for a Gateway. */
export function checkKubernetesGateway(gw: KubernetesGateway): RuleContext {
  const ctx = new RuleContext();
  for (const [i, l] of gw.spec.listeners.entries()) {
    const e = checkPortNumber(l.port);
    if (e) ctx.error(`spec.listeners[${i}].port`, e);
  }
  return ctx;
}
