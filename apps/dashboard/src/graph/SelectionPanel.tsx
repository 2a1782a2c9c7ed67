import { Link } from 'react-router';
import { SelectionConfig } from './SelectionConfig';
import { SelectionMetrics } from './SelectionMetrics';
import { type Selection, selectionLinks, serviceOfSelection } from './selection';
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
      </dl>
      {/* A box is only a frame around its versions: their own panels have the numbers. */}
      {!(selection.kind === 'node' && selection.node.kind === 'box') && (
        <SelectionMetrics key={id} kind={selection.kind} id={id} durationSeconds={durationSeconds} />
      )}
      {service && <SelectionConfig service={service} />}
      <ul className="plain-list selection-links">
        {selectionLinks(selection).map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </aside>
  );
}
