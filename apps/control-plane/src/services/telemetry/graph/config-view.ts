// What the config says about each service, for the graph: badges (mirror, weighted routing, fault
// injection, timeout, retries, circuit breaker), configured route weights and mirror percentages.
// Built once per config revision from the stored resources; hosts are compared as FQDNs.
import type {
  DestinationRule,
  HTTPRoute,
  MeshResource,
  ServiceBadges,
  TrafficPolicy,
  VirtualService,
} from '@shadowmesh/api';
import { resolveHost } from '@shadowmesh/api';
import { translateGatewayApi } from '@shadowmesh/routing';

type Labels = Readonly<Record<string, string>>;

interface Target {
  /** The subset's labels; null when the destination names no subset (every version). */
  labels: Labels | null;
  percent: number;
  /** From a route without match conditions (the default route): preferred when several apply. */
  catchAll: boolean;
}

export interface ConfigView {
  /** Badges of a service host (all false when nothing configures it). */
  badges(host: string): ServiceBadges;
  /** Weighted routes to subsets of `host`: the percent of the route's total weight for a workload with `labels`. */
  subsetWeight(host: string, labels: Labels): number | undefined;
  /** Weighted routes across hosts: the percent of the route's total weight sent to `host`. */
  hostWeight(host: string): number | undefined;
  /** The configured mirror percentage (0..100) of copies to `host` (and to the subset matching `labels`). */
  mirrorPercentage(host: string, labels: Labels | null): number | undefined;
  /** The labels of a DestinationRule subset of `host`, when one defines it. */
  subsetLabels(host: string, subset: string): Labels | undefined;
}

const NO_BADGES: ServiceBadges = Object.freeze({
  mirror: false,
  weightedRouting: false,
  faultInjection: false,
  timeout: false,
  retries: false,
  circuitBreaker: false,
});

export function buildConfigView(resources: readonly MeshResource[]): ConfigView {
  const subsets = new Map<string, Map<string, Labels>>();
  const badges = new Map<string, ServiceBadges>();
  const weights = new Map<string, Target[]>();
  const hostWeights = new Map<string, Target[]>();
  const mirrors = new Map<string, Target[]>();
  const badge = (host: string, name: keyof ServiceBadges) => {
    const current = badges.get(host) ?? { ...NO_BADGES };
    current[name] = true;
    badges.set(host, current);
  };
  const push = (map: Map<string, Target[]>, host: string, target: Target) => {
    const list = map.get(host);
    if (list) list.push(target);
    else map.set(host, [target]);
  };

  for (const r of resources) {
    if (r.kind !== 'DestinationRule') continue;
    const dr = r as DestinationRule;
    const host = resolveHost(dr.spec.host, namespaceOf(dr));
    const named = subsets.get(host) ?? new Map<string, Labels>();
    for (const subset of dr.spec.subsets ?? []) {
      named.set(subset.name, subset.labels ?? {});
      if (hasBreaker(subset.trafficPolicy)) badge(host, 'circuitBreaker');
    }
    subsets.set(host, named);
    if (hasBreaker(dr.spec.trafficPolicy)) badge(host, 'circuitBreaker');
  }
  const subsetLabels = (host: string, subset: string | undefined): Labels | null | undefined => {
    if (subset === undefined) return null;
    return subsets.get(host)?.get(subset);
  };

  // HTTPRoutes count as the VirtualServices istiod would make of them (weights, mirrors, badges alike).
  const virtualServices = [
    ...(resources.filter((r) => r.kind === 'VirtualService') as VirtualService[]),
    ...translateGatewayApi(resources).virtualServices,
  ];
  for (const vs of virtualServices) {
    const ns = namespaceOf(vs);
    for (const route of vs.spec.http ?? []) {
      const destinations = (route.route ?? []).map((d) => ({
        host: resolveHost(d.destination.host, ns),
        subset: d.destination.subset,
        weight: d.weight ?? (route.route?.length === 1 ? 100 : 0),
      }));
      const hosts = new Set([...(vs.spec.hosts ?? []).map((h) => resolveHost(h, ns))]);
      for (const d of destinations) hosts.add(d.host);
      const catchAll = (route.match ?? []).length === 0;
      for (const host of hosts) routeBadges(route, (name) => badge(host, name));
      for (const m of mirrorsOf(route)) {
        const host = resolveHost(m.host, ns);
        // An undefined subset still mirrors (and fails): its percentage then applies to any version.
        const labels = subsetLabels(host, m.subset) ?? null;
        push(mirrors, host, { labels, percent: m.percent, catchAll });
      }
      if (destinations.length < 2) continue;
      const total = destinations.reduce((n, d) => n + d.weight, 0);
      if (total <= 0) continue;
      const distinctHosts = new Set(destinations.map((d) => d.host));
      for (const d of destinations) {
        const percent = (100 * d.weight) / total;
        const labels = subsetLabels(d.host, d.subset);
        if (labels) push(weights, d.host, { labels, percent, catchAll });
      }
      if (distinctHosts.size > 1) {
        for (const host of distinctHosts) {
          const percent = destinations.filter((d) => d.host === host).reduce((n, d) => n + d.weight, 0);
          push(hostWeights, host, { labels: null, percent: (100 * percent) / total, catchAll });
        }
      }
    }
  }

  return {
    subsetLabels: (host, subset) => subsets.get(host)?.get(subset),
    badges: (host) => badges.get(host) ?? { ...NO_BADGES },
    subsetWeight: (host, labels) =>
      pick(weights.get(host), (t) => t.labels !== null && covers(labels, t.labels)),
    hostWeight: (host) => pick(hostWeights.get(host), () => true),
    mirrorPercentage: (host, labels) => {
      const matching = (mirrors.get(host) ?? []).filter(
        (t) => t.labels === null || labels === null || covers(labels, t.labels),
      );
      return matching.length === 0 ? undefined : Math.max(...matching.map((t) => t.percent));
    },
  };
}

function routeBadges(route: HTTPRoute, badge: (name: keyof ServiceBadges) => void): void {
  if (route.mirror || (route.mirrors?.length ?? 0) > 0) badge('mirror');
  if ((route.route?.length ?? 0) > 1) badge('weightedRouting');
  if (route.fault) badge('faultInjection');
  if (route.timeout) badge('timeout');
  if (route.retries && route.retries.attempts !== 0) badge('retries');
}

/** A route's mirrors with their percentage: `mirror` + `mirrorPercentage` (or `mirrorPercent`), and `mirrors[]`. */
function mirrorsOf(route: HTTPRoute): { host: string; subset: string | undefined; percent: number }[] {
  const out: { host: string; subset: string | undefined; percent: number }[] = [];
  if (route.mirror) {
    const percent = route.mirrorPercentage?.value ?? route.mirrorPercent ?? 100;
    out.push({ host: route.mirror.host, subset: route.mirror.subset, percent });
  }
  for (const m of route.mirrors ?? []) {
    out.push({ host: m.destination.host, subset: m.destination.subset, percent: m.percentage?.value ?? 100 });
  }
  return out;
}

function hasBreaker(policy: TrafficPolicy | undefined): boolean {
  if (!policy) return false;
  if (policy.outlierDetection || policy.connectionPool) return true;
  return (policy.portLevelSettings ?? []).some((p) => p.outlierDetection || p.connectionPool);
}

/** The catch-all route's value when there is one, else the first. */
function pick(targets: Target[] | undefined, match: (t: Target) => boolean): number | undefined {
  const matching = (targets ?? []).filter(match);
  return (matching.find((t) => t.catchAll) ?? matching[0])?.percent;
}

/** True when every label of `required` is present in `labels` with the same value. */
function covers(labels: Labels, required: Labels): boolean {
  for (const [k, v] of Object.entries(required)) if (labels[k] !== v) return false;
  return true;
}

function namespaceOf(r: { metadata: { namespace?: string } }): string {
  return r.metadata.namespace ?? 'default';
}
