import type { EdgeRow } from './edgeRows';

interface EdgesTableProps {
  rows: EdgeRow[];
  selected: string;
  onSelect(id: string): void;
}

/**
 * Every visible edge in words and numbers: the graph read without the canvas. Raw numbers are in
 * data attributes (data-rps, data-share…) so scripts can read them exactly.
 */
export function EdgesTable({ rows, selected, onSelect }: EdgesTableProps) {
  return (
    <table className="data-table edges-table" aria-label="Edges" data-testid="edges-table">
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Type</th>
          <th scope="col">Rate</th>
          <th scope="col">Share</th>
          <th scope="col">Errors</th>
          <th scope="col">p50</th>
          <th scope="col">p95</th>
          <th scope="col">p99</th>
          <th scope="col">Divergence</th>
          <th scope="col">Health</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={11} className="muted">
              No edges: no traffic in this window (or all of it is hidden).
            </td>
          </tr>
        )}
        {rows.map((row) => (
          <tr
            key={row.id}
            data-testid="edge-row"
            data-edge-id={row.id}
            data-source={row.source}
            data-target={row.target}
            data-mirror={String(row.mirror)}
            data-rps={row.rps}
            data-share={row.share}
            data-requests={row.requests}
            data-error-ratio={row.errorRatio}
            data-weight={row.configuredWeight ?? ''}
            className={[
              row.mirror ? 'edge-mirror' : '',
              row.found ? 'found' : '',
              row.id === selected ? 'selected' : '',
            ]
              .filter(Boolean)
              .join(' ')}
          >
            <td>
              <button type="button" className="link-button" onClick={() => onSelect(row.id)}>
                {row.cells.from}
              </button>
            </td>
            <td>{row.cells.to}</td>
            <td>
              {row.mirror ? <span className="badge mirror-badge">{row.cells.type}</span> : row.cells.type}
            </td>
            <td>{row.cells.rate}</td>
            <td>{row.cells.share}</td>
            <td>{row.cells.errors}</td>
            <td>{row.cells.p50}</td>
            <td>{row.cells.p95}</td>
            <td>{row.cells.p99}</td>
            <td>{row.cells.divergence}</td>
            <td className={`health-text ${row.health}`}>{row.health}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
