// The one full layout (layeredLayout.ts: left to right, app boxes kept whole) applied to a cytoscape
// instance. It runs on the first drawing and when most of the graph is new; afterwards nodes keep
// their places and newcomers are put beside their neighbours (nodePlacement.ts).
import type { Core } from 'cytoscape';
import { type LayoutNode, layeredLayout } from './layeredLayout';

export function runFullLayout(cy: Core): void {
  const nodes: LayoutNode[] = [];
  cy.nodes().forEach((node) => {
    if (node.isParent()) return;
    const group = node.data('parent') as string | undefined;
    nodes.push(group ? { id: node.id(), group } : { id: node.id() });
  });
  // A stable order, so the same graph lays out the same way every time.
  nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const edges = cy
    .edges()
    .map((e) => ({ source: e.data('source') as string, target: e.data('target') as string }));
  const positions = layeredLayout(nodes, edges);
  // One call for every node (boxes follow their children).
  cy.nodes()
    .filter((n) => positions.has(n.id()))
    .positions((n) => positions.get(n.id()) ?? n.position());
}
