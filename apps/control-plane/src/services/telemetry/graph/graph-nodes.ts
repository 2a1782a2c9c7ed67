// Which graph node each end of an edge key is, per graph type (Kiali's node model). Ids are stable and
// readable, and name the graph type's granularity, so `GET /api/v1/metrics?node=ID` can find the keys:
//   svc:NS:NAME        a service (NAME is the host for hosts outside the cluster domain)
//   vapp:NS:APP:VER    one version of an app (versionedApp graphs; kind `workload`, inside box:NS:APP)
//   app:NS:APP         an app (app graphs)
//   wl:NS:WORKLOAD     a workload (workload graphs, and workloads without an `app` label)
//   gw:NS:WORKLOAD     a gateway proxy
//   unknown            traffic from outside the mesh (no sidecar sent it)
//   box:NS:APP         the box grouping an app's versions
import type { GraphNodeKind, GraphType } from '@shadowmesh/api';
import { splitServiceHost } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import { UNKNOWN } from '@shadowmesh/telemetry';

/** A node as placed by the mapping (traffic and health are added by the builder). */
export interface NodeDraft {
  id: string;
  kind: GraphNodeKind;
  label: string;
  namespace: string;
  parent?: string;
  service?: string;
  app?: string;
  version?: string;
  workload?: string;
}

const UNKNOWN_NODE: NodeDraft = Object.freeze({
  id: UNKNOWN,
  kind: 'unknown',
  label: UNKNOWN,
  namespace: UNKNOWN,
});

export interface Workload {
  workload: string;
  app: string;
  version: string;
  namespace: string;
}

export function destinationOf(key: EdgeKey): Workload {
  return {
    workload: key.destinationWorkload,
    app: key.destinationApp,
    version: key.destinationVersion,
    namespace: key.destinationNamespace,
  };
}

/** `ns/workload`: how gateways and workload labels are looked up. */
export function workloadRef(w: Pick<Workload, 'namespace' | 'workload'>): string {
  return `${w.namespace}/${w.workload}`;
}

/** The node of a workload in a graph of `type` (not the service graph: see the builder). */
export function workloadNode(w: Workload, type: GraphType, gateway: boolean): NodeDraft {
  if (w.workload === UNKNOWN) return UNKNOWN_NODE;
  const ns = w.namespace;
  const known = (v: string) => (v === UNKNOWN ? undefined : v);
  const details = { workload: w.workload, app: known(w.app), version: known(w.version) };
  if (gateway) {
    return strip({
      id: `gw:${ns}:${w.workload}`,
      kind: 'gateway',
      label: w.workload,
      namespace: ns,
      ...details,
    });
  }
  if (w.app !== UNKNOWN && type === 'versionedApp') {
    const versioned = w.version !== UNKNOWN;
    return strip({
      // The node stands for every workload of this app version: its workload field names one of them.
      id: `vapp:${ns}:${w.app}:${w.version}`,
      kind: 'workload',
      label: versioned ? `${w.app} ${w.version}` : w.app,
      namespace: ns,
      ...(versioned ? { parent: boxId(ns, w.app) } : {}),
      ...details,
    });
  }
  if (w.app !== UNKNOWN && type === 'app') {
    return { id: `app:${ns}:${w.app}`, kind: 'app', label: w.app, namespace: ns, app: w.app };
  }
  return strip({
    id: `wl:${ns}:${w.workload}`,
    kind: 'workload',
    label: w.workload,
    namespace: ns,
    ...details,
  });
}

/** The service node of a destination host (`httpbin.default.svc.cluster.local` → svc:default:httpbin). */
export function serviceNode(host: string, fallbackNamespace: string): NodeDraft {
  const split = splitServiceHost(host);
  if (split) {
    return {
      id: `svc:${split.namespace}:${split.name}`,
      kind: 'service',
      label: split.name,
      namespace: split.namespace,
      service: split.name,
    };
  }
  const ns = fallbackNamespace === UNKNOWN ? UNKNOWN : fallbackNamespace;
  return { id: `svc:${ns}:${host}`, kind: 'service', label: host, namespace: ns, service: host };
}

/** The namespace a destination host's service node sits in. */
export function serviceNamespace(key: EdgeKey): string {
  return splitServiceHost(key.destinationService)?.namespace ?? key.destinationNamespace;
}

function boxId(namespace: string, app: string): string {
  return `box:${namespace}:${app}`;
}

export function boxNode(namespace: string, app: string): NodeDraft {
  return { id: boxId(namespace, app), kind: 'box', label: app, namespace, app };
}

export function edgeId(source: string, target: string, mirror: boolean, protocol: string): string {
  return `${source}>${target}${protocol === 'http' ? '' : `:${protocol}`}${mirror ? ':mirror' : ''}`;
}

/** Drops undefined optional fields, so nodes serialize (and compare) the same whichever way they were built. */
function strip(node: NodeDraft): NodeDraft {
  const out = { ...node } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as unknown as NodeDraft;
}
