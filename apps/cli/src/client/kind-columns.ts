// `get` table columns per kind, after the printer columns of Istio's CRDs and kubectl's Service printer.
import type { MeshKind, Resource } from '@shadowmesh/api';
import { formatAge } from './age.js';
import { orNone } from './table.js';

export interface Column {
  header: string;
  value: (resource: Resource, now: Date) => string;
  /** Shown only with `-o wide`. */
  wide?: boolean;
}

type Spec = Record<string, unknown>;

const spec = (r: Resource): Spec => (r.spec && typeof r.spec === 'object' ? (r.spec as Spec) : {});
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Istio's CRD printer columns show string arrays as JSON: `["httpbin"]`. */
const jsonArray = (v: unknown): string => (Array.isArray(v) && v.length > 0 ? JSON.stringify(v) : '<none>');
const labelsText = (v: unknown): string =>
  v && typeof v === 'object' && Object.keys(v).length > 0
    ? Object.entries(v as Record<string, unknown>)
        .map(([k, val]) => `${k}=${text(val)}`)
        .join(',')
    : '<none>';

const AGE: Column = { header: 'AGE', value: (r, now) => formatAge(r.metadata.creationTimestamp, now) };

function mirrorHosts(r: Resource): string {
  const hosts = new Set<string>();
  for (const route of list(spec(r).http)) {
    const rt = route as { mirror?: { host?: unknown }; mirrors?: unknown[] };
    if (rt.mirror?.host) hosts.add(text(rt.mirror.host));
    for (const m of list(rt.mirrors)) {
      const host = (m as { destination?: { host?: unknown } }).destination?.host;
      if (host) hosts.add(text(host));
    }
  }
  return hosts.size > 0 ? [...hosts].join(',') : '<none>';
}

function httpRouteParents(r: Resource): string {
  const parents = list(spec(r).parentRefs).map((p) => {
    const ref = p as { kind?: unknown; name?: unknown };
    return `${text(ref.kind) || 'Gateway'}/${text(ref.name)}`;
  });
  return orNone(parents.join(','));
}

function httpRouteMirrors(r: Resource): string {
  const names = new Set<string>();
  for (const rule of list(spec(r).rules)) {
    for (const f of list((rule as { filters?: unknown }).filters)) {
      const name = (f as { requestMirror?: { backendRef?: { name?: unknown } } }).requestMirror?.backendRef
        ?.name;
      if (name) names.add(text(name));
    }
  }
  return names.size > 0 ? [...names].join(',') : '<none>';
}

function servicePorts(r: Resource): string {
  const ports = list(spec(r).ports).map((p) => {
    const port = p as { port?: unknown; protocol?: unknown };
    return `${text(port.port)}/${text(port.protocol) || 'TCP'}`;
  });
  return orNone(ports.join(','));
}

const COLUMNS: Record<MeshKind, readonly Column[]> = {
  VirtualService: [
    { header: 'GATEWAYS', value: (r) => jsonArray(spec(r).gateways) },
    { header: 'HOSTS', value: (r) => jsonArray(spec(r).hosts) },
    AGE,
    { header: 'HTTP-ROUTES', value: (r) => String(list(spec(r).http).length), wide: true },
    { header: 'MIRRORS', value: mirrorHosts, wide: true },
  ],
  DestinationRule: [
    { header: 'HOST', value: (r) => orNone(text(spec(r).host)) },
    AGE,
    {
      header: 'SUBSETS',
      value: (r) =>
        orNone(
          list(spec(r).subsets)
            .map((s) => text((s as { name?: unknown }).name))
            .join(','),
        ),
      wide: true,
    },
  ],
  Gateway: [
    AGE,
    { header: 'SELECTOR', value: (r) => labelsText(spec(r).selector), wide: true },
    { header: 'SERVERS', value: (r) => String(list(spec(r).servers).length), wide: true },
  ],
  ServiceEntry: [
    { header: 'HOSTS', value: (r) => jsonArray(spec(r).hosts) },
    { header: 'LOCATION', value: (r) => text(spec(r).location) },
    { header: 'RESOLUTION', value: (r) => text(spec(r).resolution) },
    AGE,
  ],
  Service: [
    { header: 'TYPE', value: (r) => text(spec(r).type) || 'ClusterIP' },
    { header: 'PORT(S)', value: servicePorts },
    AGE,
    { header: 'SELECTOR', value: (r) => labelsText(spec(r).selector), wide: true },
  ],
  MeshConfig: [
    { header: 'SHADOW-SUFFIX', value: (r) => String(spec(r).shadowHostSuffix ?? true) },
    {
      header: 'OUTBOUND',
      value: (r) => text((spec(r).outboundTrafficPolicy as Spec | undefined)?.mode) || 'ALLOW_ANY',
    },
    AGE,
    { header: 'FLOW-SAMPLING', value: (r) => orNone(text(spec(r).flowSampling)), wide: true },
  ],
  ShadowPolicy: [
    { header: 'HOST', value: (r) => orNone(text(spec(r).host)) },
    AGE,
    { header: 'FLOW-SAMPLING', value: (r) => orNone(text(spec(r).flowSampling)), wide: true },
  ],
  // Gateway API CRD printer columns (ADDRESS and PROGRAMMED come from status, which is not kept here).
  HTTPRoute: [
    { header: 'HOSTNAMES', value: (r) => jsonArray(spec(r).hostnames) },
    AGE,
    { header: 'PARENTS', value: httpRouteParents, wide: true },
    { header: 'MIRRORS', value: httpRouteMirrors, wide: true },
  ],
  KubernetesGateway: [
    { header: 'CLASS', value: (r) => orNone(text(spec(r).gatewayClassName)) },
    AGE,
    { header: 'LISTENERS', value: (r) => String(list(spec(r).listeners).length), wide: true },
  ],
};

/** The columns after NAME (and NAMESPACE with `-A`) for a kind. */
export function columnsFor(kind: MeshKind, wide: boolean): readonly Column[] {
  return COLUMNS[kind].filter((c) => wide || !c.wide);
}
