// What a row of the flows table says: the primary's and each copy's status and latency, and the
// comparison result of each copy (pending while its answer has not arrived).
import type { FlowExchangeSummary, FlowRecordSummary } from '@shadowmesh/api';

export type RowResult = 'equal' | 'divergent' | 'incomparable' | 'pending';

export interface CopyCell {
  key: string;
  /** Absent while the copy has not arrived. */
  status?: number;
  durationMs?: number;
  outcome?: string;
  target: string;
  result: RowResult;
  /** The first counted differing fields. */
  fields: string[];
}

/** `httpbin v2`: app and version, the workload, or the service host. */
export function targetName(record: Pick<FlowRecordSummary, 'destination'>): string {
  const d = record.destination;
  if (d.app) return d.version ? `${d.app} ${d.version}` : d.app;
  return d.workload ?? d.service.split('.')[0] ?? d.service;
}

/** One cell per copy that arrived, plus one `pending` cell per copy still awaited. */
export function copyCells(flow: FlowExchangeSummary): CopyCell[] {
  const cells: CopyCell[] = flow.copies.map((copy) => {
    const comparison = flow.comparisons.find((c) => c.copyId === copy.id);
    const cell: CopyCell = {
      key: copy.id,
      status: copy.status,
      durationMs: copy.durationMs,
      target: targetName(copy),
      result: comparison?.result ?? 'pending',
      fields: comparison?.fields ?? [],
    };
    if (copy.outcome) cell.outcome = copy.outcome;
    return cell;
  });
  for (let i = 0; i < flow.pendingCopies; i += 1) {
    cells.push({ key: `pending-${i}`, target: 'shadow', result: 'pending', fields: [] });
  }
  return cells;
}

/** The result of the whole row: divergent if any copy diverged, then pending, incomparable, equal. */
export function rowResult(cells: readonly CopyCell[]): RowResult | null {
  if (cells.length === 0) return null;
  for (const result of ['divergent', 'pending', 'incomparable'] as const) {
    if (cells.some((c) => c.result === result)) return result;
  }
  return 'equal';
}

/** `10:42:07.123`: the local wall-clock time of a start, to the millisecond. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** `200`, or `no answer` for 0, with response flags when there are any (`503 UF`). */
export function statusText(status: number, flags?: string): string {
  const code = status === 0 ? 'no answer' : String(status);
  return flags && flags !== '-' ? `${code} ${flags}` : code;
}

/** The row's request as one line of text, for the table and its accessible names. */
export function requestText(flow: FlowExchangeSummary): string {
  const record = flow.primary ?? flow.copies[0];
  return record ? `${record.method} ${record.path}` : flow.requestId;
}
