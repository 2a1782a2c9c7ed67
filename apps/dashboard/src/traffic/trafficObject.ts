// The objects the traffic editor edits, and the one adapter between each and the editor's model (a list of
// Istio-style HTTP routes): a VirtualService's `spec.http` is that list as written; a Gateway API
// HTTPRoute's `spec.rules` are viewed as such routes (gatewayRuleView) and written back (gatewayRuleWrite).
// The reducer, sliders and rows only ever see the routes.
import type { GatewayHTTPRoute, HTTPRoute, VirtualService } from '@shadowmesh/api';
import { type EditorField, editorFieldOf, gatewayEditorFieldOf } from './editorFields';
import { ruleView } from './gatewayRuleView';
import { withRuleView } from './gatewayRuleWrite';

export type TrafficObject = VirtualService | GatewayHTTPRoute;
export type TrafficKind = TrafficObject['kind'];

const namespaceOf = (object: TrafficObject) => object.metadata.namespace ?? 'default';

/** The REST plural of the object's kind (where Apply sends its merge PATCH). */
export function trafficPlural(object: TrafficObject): 'virtualservices' | 'httproutes' {
  return object.kind === 'HTTPRoute' ? 'httproutes' : 'virtualservices';
}

/** The object's routes as the editor edits them (route `i` is `spec.http[i]` or `spec.rules[i]`). */
export function editorRoutes(object: TrafficObject): HTTPRoute[] {
  if (object.kind === 'HTTPRoute') {
    const ns = namespaceOf(object);
    return (object.spec.rules ?? []).map((rule) => ruleView(rule, ns));
  }
  return object.spec.http ?? [];
}

/**
 * The object with editor route `index` replaced by `route`. The same object when nothing changes; for an
 * HTTPRoute only the weights and mirrors of the view are written back into the rule.
 */
export function withEditorRoute<T extends TrafficObject>(object: T, index: number, route: HTTPRoute): T {
  if (object.kind === 'HTTPRoute') {
    const rules = object.spec.rules;
    const rule = rules?.[index];
    if (!rules || !rule) return object;
    const next = withRuleView(rule, namespaceOf(object), route);
    if (next === rule) return object;
    const edited: GatewayHTTPRoute = {
      ...object,
      spec: { ...object.spec, rules: rules.map((r, i) => (i === index ? next : r)) },
    };
    return edited as T;
  }
  const http = object.spec.http;
  if (!http?.[index] || http[index] === route) return object;
  const edited: VirtualService = {
    ...object,
    spec: { ...object.spec, http: http.map((r, i) => (i === index ? route : r)) },
  };
  return edited as T;
}

/** The editor input a server field path of this object concerns. */
export function trafficFieldOf(object: TrafficObject, path: string | undefined): EditorField {
  return object.kind === 'HTTPRoute' ? gatewayEditorFieldOf(path, object.spec.rules) : editorFieldOf(path);
}
