// Links into the flows views: the Flows page filtered to a graph node or edge, one flow's detail,
// and the comparison view of a mirrored service (from a mirror edge or a mirroring service node).
import type { FlowFilter, GraphNode } from '@shadowmesh/api';
import type { Selection } from '../graph/selection';
import { servicePath } from '../services/servicePath';
import { filterToParams } from './flowFilter';

export interface ServiceName {
  namespace: string;
  name: string;
}

/** `/flows?…` with the filter, and the flow whose detail is open. */
export function flowsLink(filter: FlowFilter, flow?: string): string {
  const params = filterToParams(filter);
  if (flow) params.set('flow', flow);
  const query = params.toString();
  return query ? `/flows?${query}` : '/flows';
}

/** `/namespaces/{ns}/services/{name}/comparison`: primary against shadow for a mirrored service. */
export function comparisonPath(namespace: string, name: string): string {
  return `${servicePath(namespace, name)}/comparison`;
}

/** A node as a filter: its workload when it has one (source or destination), else its service or app. */
function nodeFilter(node: GraphNode): FlowFilter | null {
  if (node.kind === 'box' || node.kind === 'unknown') {
    return node.app ? { namespace: node.namespace, service: node.app } : null;
  }
  if (node.kind === 'service' && node.service) return { namespace: node.namespace, service: node.service };
  if (node.workload) return { namespace: node.namespace, workload: node.workload };
  const service = node.service ?? node.app;
  return service ? { namespace: node.namespace, service } : null;
}

/**
 * The flows of a graph selection: a node's own (see nodeFilter); an edge's destination — its
 * service for an edge into a service node, with the calling workload when the source has one;
 * else the destination workload.
 */
export function selectionFlowFilter(selection: Selection): FlowFilter | null {
  if (selection.kind === 'node') return nodeFilter(selection.node);
  const { source, target } = selection;
  if (!target) return null;
  const filter = nodeFilter(target);
  if (filter && target.kind === 'service' && source?.workload && source.kind !== 'service') {
    filter.workload = source.workload;
  }
  return filter;
}

/**
 * The mirrored service a selection compares: for a mirror edge, the primary service (its source
 * when that is a service node, else the target's app); for a service node, itself when it mirrors.
 */
export function comparedService(selection: Selection): ServiceName | null {
  if (selection.kind === 'node') {
    const { node } = selection;
    return node.kind === 'service' && node.badges?.mirror && node.service
      ? { namespace: node.namespace, name: node.service }
      : null;
  }
  if (!selection.edge.mirror) return null;
  const { source, target } = selection;
  if (source?.kind === 'service' && source.service)
    return { namespace: source.namespace, name: source.service };
  const name = target?.service ?? target?.app;
  return target && name ? { namespace: target.namespace, name } : null;
}
