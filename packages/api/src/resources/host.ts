/** The cluster DNS domain Kubernetes services live under. */
export const CLUSTER_DOMAIN = 'cluster.local';

// One-dot hosts ending in these are public names (`httpbin.org`), not `service.namespace`.
const PUBLIC_TLDS = new Set(
  'com org net io dev app ai co me info biz edu gov mil int us uk de fr nl eu jp cn ru in br au ca ch se no fi es it pl cz be at dk ie nz sg hk kr tw tv cc xyz cloud site online tech local localhost internal test example invalid'.split(
    ' ',
  ),
);

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export interface ResolveHostOptions {
  /** Known namespaces: when given, a one-dot host `a.b` is `service.namespace` only when `b` is one of them. */
  namespaces?: ReadonlySet<string>;
  /** Defaults to `cluster.local`. */
  domain?: string;
}

/**
 * Resolves a host as written in a VirtualService/DestinationRule into its FQDN, like istiod does with the
 * resource's namespace: `httpbin` (ns default) → `httpbin.default.svc.cluster.local`; `httpbin.foo` →
 * `httpbin.foo.svc.cluster.local`; `httpbin.foo.svc` → `httpbin.foo.svc.cluster.local`. FQDNs, IPs, public
 * names (`api.example.com`, `httpbin.org`) and wildcards (`*`, `*.example.com`) are returned unchanged
 * (lower-cased; a trailing dot is dropped).
 */
export function resolveHost(host: string, namespace: string, options: ResolveHostOptions = {}): string {
  const domain = options.domain ?? CLUSTER_DOMAIN;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (h === '' || h.startsWith('*') || h.includes(':') || IPV4.test(h)) return h;
  const labels = h.split('.');
  if (labels.length === 1) return `${h}.${namespace}.svc.${domain}`;
  if (labels.length === 2) {
    const second = labels[1] ?? '';
    const isNamespace = options.namespaces ? options.namespaces.has(second) : !PUBLIC_TLDS.has(second);
    return isNamespace ? `${h}.svc.${domain}` : h;
  }
  if (labels.length === 3 && labels[2] === 'svc') return `${h}.${domain}`;
  return h;
}

/** Splits `name.ns.svc.cluster.local` into its service name and namespace; null for other hosts. */
export function splitServiceHost(
  fqdn: string,
  domain = CLUSTER_DOMAIN,
): { name: string; namespace: string } | null {
  const suffix = `.svc.${domain}`;
  if (!fqdn.endsWith(suffix)) return null;
  const parts = fqdn.slice(0, -suffix.length).split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { name: parts[0], namespace: parts[1] };
}

/** The FQDN of a Kubernetes Service: `name.namespace.svc.cluster.local`. */
export function serviceFqdn(name: string, namespace: string, domain = CLUSTER_DOMAIN): string {
  return `${name}.${namespace}.svc.${domain}`;
}

/**
 * True when a host pattern (`*`, `*.example.com`, or a plain FQDN) covers a resolved host.
 * Both are compared lower-case; `*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*')) return h.endsWith(p.slice(1)) && h.length > p.length - 1;
  return p === h;
}
