// Brings a long-lived cytoscape instance to a new set of elements in one batch: removes what went,
// updates data and classes only where they changed, adds what is new. Positions stay: a full
// layout runs only on the first drawing (or when most nodes are new, e.g. another graph type);
// otherwise new nodes are placed beside their neighbours and nothing else moves.
import type { Core, ElementDefinition, NodeSingular, SingularElementArgument } from 'cytoscape';
import type { EdgeElement, GraphElements, NodeElement } from './graphElements';
import { runFullLayout } from './graphLayout';
import { FULL_DETAIL, type ViewDetail } from './graphStyles';
import { type NewNode, type Point, placeNewNodes } from './nodePlacement';

export interface SyncResult {
  added: number;
  removed: number;
  updated: number;
  layout: 'full' | 'incremental' | 'none';
}

export interface SyncOptions {
  /** Lay everything out again (the "Layout" button). */
  relayout?: boolean;
  /**
   * What can be seen at the current zoom (default: everything). Labels too small to be drawn are
   * left alone on drawn elements and left empty on new ones (measuring 3,000 labels, or rewriting
   * 2,000 every second, costs a full style pass for nothing); with `simpleEdges` edges get the `lod`
   * class. The owner syncs again when the zoom shows more.
   */
  detail?: ViewDetail;
}

function withoutLabel(data: Record<string, unknown>): Record<string, unknown> {
  const { label: _label, ...rest } = data;
  return rest;
}

function sameData(current: Record<string, unknown>, next: Record<string, unknown>): boolean {
  for (const key of Object.keys(next)) if (current[key] !== next[key]) return false;
  return true;
}

function classesOf(ele: { classes(): string[] }): string {
  return ele.classes().join(' ');
}

export function syncGraph(cy: Core, elements: GraphElements, options: SyncOptions = {}): SyncResult {
  const wanted = new Map<string, NodeElement | EdgeElement>();
  for (const node of elements.nodes) wanted.set(node.data.id, node);
  for (const edge of elements.edges) wanted.set(edge.data.id, edge);
  const hadLeaves = cy.nodes().length;
  const result: SyncResult = { added: 0, removed: 0, updated: 0, layout: 'none' };
  const addedNodes: ElementDefinition[] = [];
  const addedEdges: ElementDefinition[] = [];

  cy.batch(() => {
    // One pass over what is drawn (looking elements up one by one builds a collection per lookup).
    const drawn = new Map<string, SingularElementArgument>();
    const gone = cy.elements().filter((ele) => {
      const next = wanted.get(ele.id());
      const stale =
        !next ||
        next.group !== ele.group() ||
        // An edge whose ends changed is a different edge.
        (next.group === 'edges' &&
          (ele.data('source') !== next.data.source || ele.data('target') !== next.data.target));
      if (!stale) drawn.set(ele.id(), ele);
      return stale;
    });
    result.removed = gone.length;
    if (gone.length > 0) cy.remove(gone);

    // New nodes first (boxes lead in graphElements' order), so a node moving into a new box finds it.
    const detail = options.detail ?? FULL_DETAIL;
    const labelShown = (group: 'nodes' | 'edges') =>
      group === 'nodes' ? detail.nodeLabels : detail.edgeLabels;
    const classesFor = (next: NodeElement | EdgeElement) =>
      next.group === 'edges' && detail.simpleEdges ? `${next.classes} lod` : next.classes;
    for (const next of wanted.values()) {
      if (drawn.has(next.data.id)) continue;
      const data = labelShown(next.group) ? { ...next.data } : { ...next.data, label: '' };
      const definition = { group: next.group, data, classes: classesFor(next) };
      (next.group === 'nodes' ? addedNodes : addedEdges).push(definition);
    }
    if (addedNodes.length > 0) cy.add(addedNodes);
    for (const next of wanted.values()) {
      const ele = drawn.get(next.data.id);
      if (!ele) continue;
      let changed = false;
      if (next.group === 'nodes') {
        const parent = next.data.parent ?? null;
        if ((ele.data('parent') ?? null) !== parent) {
          (ele as NodeSingular).move({ parent });
          changed = true;
        }
      }
      const all = next.data as unknown as Record<string, unknown>;
      const data = labelShown(next.group) ? all : withoutLabel(all);
      if (!sameData(ele.data(), data)) {
        ele.data(data);
        changed = true;
      }
      const classes = classesFor(next);
      if (classesOf(ele) !== classes) {
        ele.classes(classes);
        changed = true;
      }
      if (changed) result.updated += 1;
    }
    if (addedEdges.length > 0) cy.add(addedEdges);
    result.added = addedNodes.length + addedEdges.length;
  });

  const addedIds = new Set(addedNodes.map((d) => d.data.id as string));
  const leaves = cy.nodes().filter((n) => !n.isParent());
  const newLeaves = leaves.filter((n) => addedIds.has(n.id()));
  if (options.relayout || (leaves.length > 0 && (hadLeaves === 0 || newLeaves.length > leaves.length / 2))) {
    runFullLayout(cy);
    result.layout = 'full';
  } else if (newLeaves.length > 0) {
    placeIncrementally(
      cy,
      newLeaves.map((n) => n.id()),
    );
    result.layout = 'incremental';
  }
  return result;
}

/** Positions for the given new leaf nodes from their neighbours' (nodePlacement.ts). */
function placeIncrementally(cy: Core, ids: string[]): void {
  const fresh = new Set(ids);
  const known = new Map<string, Point>();
  const parentOf = new Map<string, string>();
  const newNodes: NewNode[] = [];
  cy.nodes().forEach((node) => {
    if (node.isParent()) return;
    const parent = node.parent().first();
    const parentId = parent.nonempty() ? parent.id() : undefined;
    if (parentId) parentOf.set(node.id(), parentId);
    if (fresh.has(node.id()))
      newNodes.push(parentId ? { id: node.id(), parent: parentId } : { id: node.id() });
    else known.set(node.id(), { ...node.position() });
  });
  const edges = cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  const spots = placeNewNodes({ newNodes, edges, known, parentOf });
  cy.batch(() => {
    for (const [id, point] of spots) cy.getElementById(id).position(point);
  });
}
