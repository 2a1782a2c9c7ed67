import type { GraphType } from '@shadowmesh/api';
import { ExpressionField } from './ExpressionField';
import {
  DURATIONS,
  EDGE_LABEL_MODES,
  EDGE_LABEL_NAMES,
  type EdgeLabelMode,
  formatDuration,
  GRAPH_TYPE_LABELS,
  GRAPH_TYPES,
  type GraphView,
} from './graphView';
import { NamespacePicker } from './NamespacePicker';

interface GraphToolbarProps {
  view: GraphView;
  onChange(patch: Partial<GraphView>): void;
  namespaces: readonly string[];
  onFit(): void;
  onLayout(): void;
}

/** Every control of the graph view; each writes the URL (so the view can be bookmarked). */
export function GraphToolbar({ view, onChange, namespaces, onFit, onLayout }: GraphToolbarProps) {
  const durations = DURATIONS.includes(view.durationSeconds)
    ? DURATIONS
    : [...DURATIONS, view.durationSeconds].sort((a, b) => a - b);
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph view">
      <NamespacePicker
        options={namespaces}
        value={view.namespaces}
        onChange={(ns) => onChange({ namespaces: ns })}
      />
      <label>
        Graph type{' '}
        <select
          value={view.graphType}
          onChange={(event) => onChange({ graphType: event.target.value as GraphType })}
        >
          {GRAPH_TYPES.map((type) => (
            <option key={type} value={type}>
              {GRAPH_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Window{' '}
        <select
          value={view.durationSeconds}
          onChange={(event) => onChange({ durationSeconds: Number(event.target.value) })}
        >
          {durations.map((seconds) => (
            <option key={seconds} value={seconds}>
              Last {formatDuration(seconds)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Edge labels{' '}
        <select
          value={view.edgeLabel}
          onChange={(event) => onChange({ edgeLabel: event.target.value as EdgeLabelMode })}
        >
          {EDGE_LABEL_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {EDGE_LABEL_NAMES[mode]}
            </option>
          ))}
        </select>
      </label>
      <ExpressionField
        label="Find"
        value={view.find}
        placeholder="rps > 10, version = v2, mirror"
        onCommit={(find) => onChange({ find })}
      />
      <ExpressionField
        label="Hide"
        value={view.hide}
        placeholder="idle, error > 1"
        onCommit={(hide) => onChange({ hide })}
      />
      <div className="graph-buttons">
        <button type="button" onClick={onFit}>
          Fit
        </button>
        <button type="button" onClick={onLayout}>
          Layout
        </button>
        <button type="button" aria-pressed={view.table} onClick={() => onChange({ table: !view.table })}>
          Edges table
        </button>
      </div>
    </div>
  );
}
