import type { DestinationRule } from '../../resources/destination-rule.js';
import type { Gateway } from '../../resources/gateway.js';
import type { KubernetesGateway } from '../../resources/gateway-api/kubernetes-gateway.js';
import { hostMatches, resolveHost, serviceFqdn } from '../../resources/host.js';
import type { MeshResource } from '../../resources/mesh-resource.js';
import type { Service } from '../../resources/service.js';
import type { ServiceEntry } from '../../resources/service-entry.js';

/** A running workload instance, as the analysis sees it (a sidecar's namespace and labels). */
export interface AnalysisWorkload {
  namespace: string;
  labels: Readonly<Record<string, string>>;
}

/** Lookups over one set of resources: hosts, subsets, gateways and workloads, by resolved FQDN. */
export class MeshIndex {
  readonly namespaces: Set<string>;
  private readonly services = new Map<string, Service>();
  private readonly entryHosts: { pattern: string; entry: ServiceEntry }[] = [];
  private readonly rules: { host: string; rule: DestinationRule }[] = [];
  private readonly gateways = new Map<string, Gateway>();
  private readonly kubernetesGateways = new Map<string, KubernetesGateway>();

  constructor(
    resources: readonly MeshResource[],
    readonly workloads: readonly AnalysisWorkload[] | undefined,
  ) {
    this.namespaces = new Set(resources.map((r) => r.metadata.namespace ?? 'default'));
    for (const w of workloads ?? []) this.namespaces.add(w.namespace);
    for (const r of resources) {
      const ns = r.metadata.namespace ?? 'default';
      if (r.kind === 'Service') this.services.set(serviceFqdn(r.metadata.name, ns), r);
      else if (r.kind === 'ServiceEntry') {
        for (const h of r.spec.hosts) this.entryHosts.push({ pattern: this.resolve(h, ns), entry: r });
      } else if (r.kind === 'DestinationRule')
        this.rules.push({ host: this.resolve(r.spec.host, ns), rule: r });
      else if (r.kind === 'Gateway') this.gateways.set(`${ns}/${r.metadata.name}`, r);
      else if (r.kind === 'KubernetesGateway') this.kubernetesGateways.set(`${ns}/${r.metadata.name}`, r);
    }
  }

  /** resolveHost with the namespaces this mesh knows (so `httpbin.foo` means namespace foo only if it exists). */
  resolve(host: string, namespace: string): string {
    return resolveHost(host, namespace, { namespaces: this.namespaces });
  }

  service(fqdn: string): Service | undefined {
    return this.services.get(fqdn);
  }

  /** True when a Service or a ServiceEntry host covers this FQDN. */
  hostExists(fqdn: string): boolean {
    return this.services.has(fqdn) || this.entryHosts.some((e) => hostMatches(e.pattern, fqdn));
  }

  /** DestinationRules whose host covers this FQDN (exact first, then wildcards). */
  rulesFor(fqdn: string): DestinationRule[] {
    const exact = this.rules.filter((r) => r.host === fqdn);
    const wild = this.rules.filter(
      (r) => r.host !== fqdn && r.host.startsWith('*') && hostMatches(r.host, fqdn),
    );
    return [...exact, ...wild].map((r) => r.rule);
  }

  /** The labels of a subset of this host, or undefined when no DestinationRule defines it. */
  subsetLabels(fqdn: string, subset: string): Record<string, string> | undefined {
    for (const rule of this.rulesFor(fqdn)) {
      const s = rule.spec.subsets?.find((x) => x.name === subset);
      if (s) return s.labels ?? {};
    }
    return undefined;
  }

  /** Resolved `host → rules` pairs (for duplicate detection). */
  allRules(): readonly { host: string; rule: DestinationRule }[] {
    return this.rules;
  }

  /** The Gateway API Gateway `namespace/name`, if there is one. */
  kubernetesGateway(namespace: string, name: string): KubernetesGateway | undefined {
    return this.kubernetesGateways.get(`${namespace}/${name}`);
  }

  gatewayExists(ref: string, namespace: string): boolean {
    return this.gateways.has(gatewayKey(ref, namespace));
  }

  /**
   * Workloads behind a Service host with extra labels (a subset's), or undefined when that cannot be known
   * (no workload list given, not a Service, or a Service without selector).
   */
  endpointsOf(fqdn: string, extraLabels: Record<string, string> = {}): AnalysisWorkload[] | undefined {
    const svc = this.services.get(fqdn);
    if (!this.workloads || !svc?.spec.selector || Object.keys(svc.spec.selector).length === 0)
      return undefined;
    const ns = svc.metadata.namespace ?? 'default';
    const want = { ...svc.spec.selector, ...extraLabels };
    return this.workloads.filter(
      (w) => w.namespace === ns && Object.entries(want).every(([k, v]) => w.labels[k] === v),
    );
  }
}

/** `name` (in the referring namespace) or `ns/name` → `ns/name`. */
export function gatewayKey(ref: string, namespace: string): string {
  return ref.includes('/') ? ref : `${namespace}/${ref}`;
}
