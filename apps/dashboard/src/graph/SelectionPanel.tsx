import { Link } from 'react-router';
import { comparedService, comparisonPath, flowsLink, selectionFlowFilter } from '../flows/flowLinks';
import { divergenceText } from './graphLabels';
import { SelectionConfig } from './SelectionConfig';
import { SelectionMetrics } from './SelectionMetrics';
import { type Selection, type SelectionLink, selectionLinks, serviceOfSelection } from './selection';
import { selectionFacts } from './selectionFacts';

interface SelectionPanelProps {
  selection: Selection;
  durationSeconds: number;
  onClose(): void;
}

function titleOf(selection: Selection): string {
  if (selection.kind === 'node') return selection.node.label;
  const from = selection.source?.label ?? selection.edge.source;
  const to = selection.target?.label ?? selection.edge.target;
  return `${from} → ${to}${selection.edge.mirror ? ' (mirror)' : ''}`;
}

/**
 * The panel's links: the service page; "Flows" filtered to the node (its workload or service) or
 * to the edge's destination; "Compare" for mirror edges and mirroring services.
 */
function panelLinks(selection: Selection): SelectionLink[] {
  const links = selectionLinks(selection);
  const filter = selectionFlowFilter(selection);
  if (filter) {
    const what = selection.kind === 'edge' ? 'this edge' : titleOf(selection);
    links.push({ label: `Flows of ${what}`, to: flowsLink(filter) });
  }
  const compared = comparedService(selection);
  if (compared) {
    links.push({
      label: `Compare primary and shadow of ${compared.name}`,
      to: comparisonPath(compared.namespace, compared.name),
    });
  }
  return links;
}

/** A mirror edge's divergence: how many compared pairs answered differently. */
function DivergenceFact({ selection }: { selection: Selection }) {
  if (selection.kind !== 'edge' || !selection.edge.mirror) return null;
  const divergence = selection.edge.divergence;
  const text = divergenceText(divergence);
  return (
    <div className="fact" data-testid="edge-divergence">
      <dt>Divergence</dt>
      <dd className={divergence && divergence.divergent > 0 ? 'flow-result divergent' : undefined}>
        {divergence && text
          ? `${text} (${divergence.divergent} of ${divergence.compared} compared pairs)`
          : 'No pairs compared yet'}
      </dd>
    </div>
  );
}

/** The side panel of the selected node or edge: its numbers, charts, config and links. */
export function SelectionPanel({ selection, durationSeconds, onClose }: SelectionPanelProps) {
  const id = selection.kind === 'node' ? selection.node.id : selection.edge.id;
  const service = serviceOfSelection(selection);
  const title = titleOf(selection);
  return (
    <aside className="selection-panel" aria-label={`Details of ${title}`} data-testid="selection-panel">
      <header className="selection-header">
        <h2>{title}</h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      <dl className="facts">
        {selectionFacts(selection).map(([term, value]) => (
          <div key={term} className="fact">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <DivergenceFact selection={selection} />
      </dl>
      {/* A box is only a frame around its versions: their own panels have the numbers. */}
      {!(selection.kind === 'node' && selection.node.kind === 'box') && (
        <SelectionMetrics key={id} kind={selection.kind} id={id} durationSeconds={durationSeconds} />
      )}
      {service && <SelectionConfig service={service} />}
      <ul className="plain-list selection-links">
        {panelLinks(selection).map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
