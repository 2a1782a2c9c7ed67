import type { FlowExchangeSummary } from '@shadowmesh/api';
import { formatMs } from '../graph/graphFormat';
import {
  type CopyCell,
  clockTime,
  copyCells,
  type RowResult,
  requestText,
  rowResult,
  statusText,
  targetName,
} from './flowRowView';
import { peerName } from './flowTimeline';

const RESULT_TEXT: Record<RowResult, string> = {
  equal: 'equal',
  divergent: 'divergent',
  incomparable: 'incomparable',
  pending: 'pending',
};

/** Differing fields a row names (the detail lists them all). */
const SHOWN_FIELDS = 4;

interface FlowTableProps {
  rows: readonly FlowExchangeSummary[];
  selected: string | null;
  /** `id`: the exchange id. */
  onSelect(id: string): void;
}

function statusClass(status: number | undefined): string {
  if (status === undefined) return '';
  return status === 0 || status >= 500 ? 'status-error' : status >= 400 ? 'status-warn' : 'status-ok';
}

function CopyStatus({ cell }: { cell: CopyCell }) {
  if (cell.status === undefined) return <span className="muted">awaiting copy…</span>;
  return (
    <span title={cell.outcome}>
      <span className={statusClass(cell.status)}>{statusText(cell.status)}</span> ·{' '}
      {formatMs(cell.durationMs)} <span className="muted small">{cell.target}</span>
    </span>
  );
}

function Comparison({ cell }: { cell: CopyCell }) {
  return (
    <span className={`flow-result ${cell.result}`}>
      {RESULT_TEXT[cell.result]}
      {cell.result === 'divergent' && cell.fields.length > 0 && (
        <span className="small">
          {' '}
          ({cell.fields.slice(0, SHOWN_FIELDS).join(', ')}
          {cell.fields.length > SHOWN_FIELDS && ` +${cell.fields.length - SHOWN_FIELDS} more`})
        </span>
      )}
    </span>
  );
}

/** The live flows: one row per request, each shadow copy's status and comparison beside the primary's. */
export function FlowTable({ rows, selected, onSelect }: FlowTableProps) {
  return (
    <div className="flow-table-scroll">
      <table className="data-table flow-table" aria-label="Flows">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Request</th>
            <th scope="col">Source → destination</th>
            <th scope="col">Primary</th>
            <th scope="col">Shadow</th>
            <th scope="col">Comparison</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((flow) => {
            const cells = copyCells(flow);
            const result = rowResult(cells);
            const first = flow.primary ?? flow.copies[0];
            return (
              <tr
                key={flow.id}
                className={flow.id === selected ? 'selected' : undefined}
                data-testid="flow-row"
                data-flow-id={flow.id}
                data-request-id={flow.requestId}
                data-result={result ?? 'none'}
                data-path={first?.path ?? ''}
                onClick={() => onSelect(flow.id)}
              >
                <td className="nowrap">{clockTime(flow.startTime)}</td>
                <td>
                  <button
                    type="button"
                    className="link-button flow-request"
                    aria-label={`Open flow ${requestText(flow)} (${flow.requestId})`}
                    onClick={(event) => {
                      event.stopPropagation();
                      onSelect(flow.id);
                    }}
                  >
                    {requestText(flow)}
                  </button>
                </td>
                <td>{first ? `${peerName(first.source)} → ${targetName(first)}` : '–'}</td>
                <td className="nowrap">
                  {flow.primary ? (
                    <>
                      <span className={statusClass(flow.primary.status)}>
                        {statusText(flow.primary.status, flow.primary.flags)}
                      </span>{' '}
                      · {formatMs(flow.primary.durationMs)}
                    </>
                  ) : (
                    <span className="muted">not captured</span>
                  )}
                </td>
                <td>
                  {cells.length === 0 ? (
                    <span className="muted">no copy</span>
                  ) : (
                    cells.map((cell) => (
                      <div key={cell.key}>
                        <CopyStatus cell={cell} />
                      </div>
                    ))
                  )}
                </td>
                <td>
                  {cells.map((cell) => (
                    <div key={cell.key}>
                      <Comparison cell={cell} />
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
