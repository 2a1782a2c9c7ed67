// The builder's lookups, made cheap for graphs of thousands of edges from tens of thousands of keys:
// nodes are found by nested maps on the key's own strings (their hashes are cached by the engine, so no
// id string is built per key), and edges by node identity.
import type { GraphType } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import type { EdgeAcc, NodeAcc } from './graph-finish.js';
import type { NodeDraft, Workload } from './graph-nodes.js';
import { edgeId, serviceNamespace, serviceNode, workloadNode, workloadRef } from './graph-nodes.js';

type Nested<T> = Map<string, Map<string, Map<string, Map<string, T>>>>;

export class NodeIndex {
  readonly nodes = new Map<string, NodeAcc>();
  private readonly services = new Map<string, NodeAcc>();
  private readonly workloads = new Map<GraphType, Nested<NodeAcc>>();

  constructor(private readonly gateways: ReadonlySet<string>) {}

  /** The service node of a destination host. */
  service(host: string, fallbackNamespace: string): NodeAcc {
    let acc = this.services.get(host);
    if (acc === undefined) {
      acc = this.add(serviceNode(host, fallbackNamespace), host);
      this.services.set(host, acc);
    }
    return acc;
  }

  serviceOf(key: EdgeKey): NodeAcc {
    const acc = this.services.get(key.destinationService);
    return acc ?? this.service(key.destinationService, serviceNamespace(key));
  }

  /** The node of a workload in a graph of type `as`. */
  workload(ns: string, workload: string, app: string, version: string, as: GraphType): NodeAcc {
    let byNs = this.workloads.get(as);
    if (byNs === undefined) {
      byNs = new Map();
      this.workloads.set(as, byNs);
    }
    const byWorkload = getOrMake(byNs, ns);
    const byApp = getOrMake(byWorkload, workload);
    const byVersion = getOrMake(byApp, app);
    let acc = byVersion.get(version);
    if (acc === undefined) {
      const w: Workload = { namespace: ns, workload, app, version };
      acc = this.add(workloadNode(w, as, this.gateways.has(workloadRef(w))), undefined);
      byVersion.set(version, acc);
    }
    return acc;
  }

  private add(draft: NodeDraft, host: string | undefined): NodeAcc {
    // Different keys can map to one node (versions of an app, workloads of a version): share it.
    let acc = this.nodes.get(draft.id);
    if (acc === undefined) {
      acc = {
        draft,
        host,
        inReq: 0,
        inErr: 0,
        mirrorReq: 0,
        mirrorErr: 0,
        outReq: 0,
        outErr: 0,
        hasIn: false,
      };
      this.nodes.set(draft.id, acc);
    }
    return acc;
  }
}

export class EdgeIndex {
  readonly edges = new Map<string, EdgeAcc>();
  private readonly byNodes = new Map<NodeAcc, Map<NodeAcc, EdgeAcc[]>>();

  /** The edge from → to of this kind, or undefined. */
  find(from: NodeAcc, to: NodeAcc, mirror: boolean, protocol: 'http' | 'grpc'): EdgeAcc | undefined {
    const list = this.byNodes.get(from)?.get(to);
    if (list === undefined) return undefined;
    for (const acc of list) if (acc.mirror === mirror && acc.protocol === protocol) return acc;
    return undefined;
  }

  create(
    from: NodeAcc,
    to: NodeAcc,
    mirror: boolean,
    protocol: 'http' | 'grpc',
    configured: number | undefined,
  ): EdgeAcc {
    let byTo = this.byNodes.get(from);
    if (byTo === undefined) {
      byTo = new Map();
      this.byNodes.set(from, byTo);
    }
    let list = byTo.get(to);
    if (list === undefined) {
      list = [];
      byTo.set(to, list);
    }
    const id = edgeId(from.draft.id, to.draft.id, mirror, protocol);
    const acc: EdgeAcc = {
      id,
      from,
      to,
      mirror,
      protocol,
      requests: 0,
      errors: 0,
      codes: [],
      latencies: [],
      configured,
    };
    list.push(acc);
    this.edges.set(id, acc);
    return acc;
  }
}

function getOrMake<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (inner === undefined) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
