// The service graph from per-key traffic (pure). Kiali's shape: in versionedApp, app and workload graphs
// a client node → the service node → the node of the version that answered; in the service graph,
// source → service. Mirror copies are their own edges (`mirror: true`): from the service node to the
// version that received the copy when that service carries primary traffic in the graph, else from the
// sending node.
import type { GraphResponse } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import { UNKNOWN } from '@shadowmesh/telemetry';
import type { DivergenceIndex } from './divergence-index.js';
import type { EdgeAcc, NodeAcc } from './graph-finish.js';
import { finishGraph } from './graph-finish.js';
import { EdgeIndex, NodeIndex } from './graph-index.js';
import type { Workload } from './graph-nodes.js';
import { destinationOf, serviceNamespace, workloadRef } from './graph-nodes.js';
import type { GraphInput, MeshContext, WindowEdge } from './graph-types.js';
import { isErrorResponse } from './health.js';

/** Called for every (graph edge, key) pair: which keys make up an edge (the metrics time series use it). */
export type ContributionListener = (edgeId: string, from: string, to: string, edge: WindowEdge) => void;

export function buildGraph(input: GraphInput, onContribution?: ContributionListener): GraphResponse {
  const { graphType: type, mesh } = input;
  const filter = input.namespaces.length > 0 ? new Set(input.namespaces) : null;
  const edges =
    filter === null
      ? input.edges
      : input.edges.filter(
          (e) =>
            filter.has(e.key.sourceNamespace) ||
            filter.has(e.key.destinationNamespace) ||
            filter.has(serviceNamespace(e.key)),
        );
  const index = new NodeIndex(mesh.gateways);
  const accs = new EdgeIndex();
  const serviceOf = type === 'service' ? servicesOfWorkloads(edges) : null;
  const sourceType = type === 'service' ? 'workload' : type;
  const errorFlags = new Map<string, boolean>();
  const failed = (key: EdgeKey): boolean => {
    if (key.responseCode >= 500) return true;
    let error = errorFlags.get(key.responseFlags);
    if (error === undefined) {
      error = isErrorResponse(key.responseCode, key.responseFlags);
      errorFlags.set(key.responseFlags, error);
    }
    return error;
  };

  const source = (key: EdgeKey): NodeAcc => {
    if (serviceOf !== null) {
      const host = serviceOf.get(`${key.sourceNamespace}/${key.sourceWorkload}`);
      if (host) return index.service(host, key.sourceNamespace);
    }
    return index.workload(
      key.sourceNamespace,
      key.sourceWorkload,
      key.sourceApp,
      key.sourceVersion,
      sourceType,
    );
  };
  const destination = (key: EdgeKey): NodeAcc =>
    index.workload(
      key.destinationNamespace,
      key.destinationWorkload,
      key.destinationApp,
      key.destinationVersion,
      type,
    );

  const primaryServices = new Set<NodeAcc>();
  if (type !== 'service') {
    for (const e of edges) if (e.key.requestType === 'primary') primaryServices.add(index.serviceOf(e.key));
  }

  for (const e of edges) {
    if (e.requests <= 0) continue;
    const { key } = e;
    const error = failed(key);
    const from = source(key);
    const svc = index.serviceOf(key);
    const to = type === 'service' || key.destinationWorkload === UNKNOWN ? null : destination(key);
    if (key.requestType !== 'mirror') {
      add(accs, onContribution, from, svc, e, 'host-weight', error, mesh);
      if (to !== null) add(accs, onContribution, svc, to, e, 'subset-weight', error, mesh);
    } else if (to === null) {
      add(accs, onContribution, from, svc, e, 'mirror', error, mesh);
    } else {
      add(accs, onContribution, primaryServices.has(svc) ? svc : from, to, e, 'mirror', error, mesh);
    }
  }
  return finishGraph(input, index.nodes, accs.edges);
}

/** What an edge shows from config: a host's weight, a subset's weight, or a mirror percentage. */
type Configured = 'host-weight' | 'subset-weight' | 'mirror';

function configured(kind: Configured, key: EdgeKey, mesh: MeshContext): number | undefined {
  const host = key.destinationService;
  if (kind === 'host-weight') return mesh.config.hostWeight(host);
  const dst = key.destinationWorkload === UNKNOWN ? null : labels(mesh, destinationOf(key));
  if (kind === 'mirror') return mesh.config.mirrorPercentage(host, dst);
  return dst === null ? undefined : mesh.config.subsetWeight(host, dst);
}

function add(
  accs: EdgeIndex,
  listener: ContributionListener | undefined,
  from: NodeAcc,
  to: NodeAcc,
  e: WindowEdge,
  kind: Configured,
  error: boolean,
  mesh: MeshContext,
): void {
  const { key, requests } = e;
  const mirror = kind === 'mirror';
  let acc = accs.find(from, to, mirror, key.protocol);
  if (acc === undefined) acc = accs.create(from, to, mirror, key.protocol, configured(kind, key, mesh));
  listener?.(acc.id, from.draft.id, to.draft.id, e);
  const errors = error ? requests : 0;
  acc.requests += requests;
  acc.errors += errors;
  addCode(acc.codes, key.responseCode, requests);
  acc.latencies.push(e.latency);
  from.outReq += requests;
  from.outErr += errors;
  to.hasIn = true;
  if (mirror && mesh.divergence !== undefined) addDivergence(acc, key, mesh, mesh.divergence);
  if (mirror) {
    to.mirrorReq += requests;
    to.mirrorErr += errors;
  } else {
    to.inReq += requests;
    to.inErr += errors;
  }
}

/** The divergence summaries of the copies a mirror key stands for (each counted once per edge). */
function addDivergence(acc: EdgeAcc, key: EdgeKey, mesh: MeshContext, index: DivergenceIndex): void {
  const dst = key.destinationWorkload === UNKNOWN ? null : labels(mesh, destinationOf(key));
  const entries = index.lookup(key.sourceNamespace, key.sourceWorkload, key.destinationService, dst);
  if (entries.length === 0) return;
  acc.divergence ??= new Set();
  for (const e of entries) acc.divergence.add(e);
}

/** Requests by code as [code, count, code, count…] (an edge has a handful of codes). */
function addCode(codes: number[], code: number, n: number): void {
  for (let i = 0; i < codes.length; i += 2) {
    if (codes[i] === code) {
      codes[i + 1] = (codes[i + 1] as number) + n;
      return;
    }
  }
  codes.push(code, n);
}

/** What a workload's labels are known to be: its proxy's labels, else app and version from telemetry. */
function labels(mesh: MeshContext, w: Workload): Record<string, string> {
  const out: Record<string, string> = {};
  if (w.app !== UNKNOWN) out.app = w.app;
  if (w.version !== UNKNOWN) out.version = w.version;
  const registered = mesh.workloadLabels.get(workloadRef(w));
  return registered ? { ...out, ...registered } : out;
}

/** Service graph: each workload's service (the one host it answers for), when that is unambiguous. */
function servicesOfWorkloads(edges: readonly WindowEdge[]): Map<string, string> {
  const found = new Map<string, string | null>();
  for (const { key } of edges) {
    if (key.destinationWorkload === UNKNOWN) continue;
    const ref = workloadRef(destinationOf(key));
    const seen = found.get(ref);
    if (seen === undefined) found.set(ref, key.destinationService);
    else if (seen !== key.destinationService) found.set(ref, null);
  }
  const out = new Map<string, string>();
  for (const [ref, host] of found) if (host !== null) out.set(ref, host);
  return out;
}
