// The rows of the live flows table: exchanges upserted by id (a copy arriving updates its
// row), newest on top, bounded. Paused, updates wait aside (bounded too) and are counted; resuming
// applies them. Cleared, the table also ignores exchanges that started before the clear.
import type { FlowExchangeSummary } from '@shadowmesh/api';

/** Rows the table keeps (the oldest fall off the bottom). */
export const MAX_ROWS = 500;

export interface FlowRowsState {
  /** Newest first, at most `limit`. */
  rows: FlowExchangeSummary[];
  /** Updates received while paused, newest first, at most `limit`. */
  waiting: FlowExchangeSummary[];
  paused: boolean;
  /** Flows the tap stream did not send this client (its rate limit), since the last clear. */
  dropped: number;
  /**
   * Exchanges that started at or before this (ms) were cleared away and stay away. It is the newest
   * start the table had seen (the proxies' clocks, not the browser's, which may differ).
   */
  clearedAt: number;
  limit: number;
}

export type FlowRowsAction =
  /** Rows of `GET /api/v1/flows`: added when not already there (the live stream's copy is newer). */
  | { type: 'loaded'; items: readonly FlowExchangeSummary[] }
  | { type: 'flow'; flow: FlowExchangeSummary }
  | { type: 'dropped'; count: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'clear' }
  /** A new filter: start again from nothing. */
  | { type: 'reset' };

export function initialFlowRows(limit = MAX_ROWS): FlowRowsState {
  return { rows: [], waiting: [], paused: false, dropped: 0, clearedAt: 0, limit };
}

/**
 * `rows` with `flow` put in: in place of the row with its id, or where its start time puts
 * it (newest first); cut to `limit`. Returns a new array; `rows` is not changed.
 */
export function upsertFlow(
  rows: readonly FlowExchangeSummary[],
  flow: FlowExchangeSummary,
  limit: number,
): FlowExchangeSummary[] {
  const at = rows.findIndex((r) => r.id === flow.id);
  if (at >= 0) {
    const next = rows.slice();
    next[at] = flow;
    return next;
  }
  let index = 0;
  while (index < rows.length && (rows[index]?.startTime ?? 0) > flow.startTime) index += 1;
  if (index >= limit) return rows.slice(0, limit);
  const next = rows.slice(0, index);
  next.push(flow, ...rows.slice(index, limit - 1));
  return next;
}

/** Waiting updates that are new rows (not updates of rows already shown). */
export function newWaiting(state: FlowRowsState): number {
  const shown = new Set(state.rows.map((r) => r.id));
  return state.waiting.filter((w) => !shown.has(w.id)).length;
}

export function flowRowsReducer(state: FlowRowsState, action: FlowRowsAction): FlowRowsState {
  switch (action.type) {
    case 'loaded': {
      let rows = state.rows;
      const shown = new Set(rows.map((r) => r.id));
      for (const item of action.items) {
        if (shown.has(item.id) || item.startTime <= state.clearedAt) continue;
        rows = upsertFlow(rows, item, state.limit);
      }
      return rows === state.rows ? state : { ...state, rows };
    }
    case 'flow': {
      if (action.flow.startTime <= state.clearedAt) return state;
      if (state.paused) return { ...state, waiting: upsertFlow(state.waiting, action.flow, state.limit) };
      return { ...state, rows: upsertFlow(state.rows, action.flow, state.limit) };
    }
    case 'dropped':
      return action.count > 0 ? { ...state, dropped: state.dropped + action.count } : state;
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'resume': {
      if (!state.paused) return state;
      let rows = state.rows;
      // Oldest first, so rows that tie on start time keep the order they arrived in.
      for (let i = state.waiting.length - 1; i >= 0; i -= 1) {
        const flow = state.waiting[i];
        if (flow) rows = upsertFlow(rows, flow, state.limit);
      }
      return { ...state, rows, waiting: [], paused: false };
    }
    case 'clear': {
      const seen = [...state.rows, ...state.waiting].map((r) => r.startTime);
      const clearedAt = Math.max(state.clearedAt, ...seen);
      return { ...state, rows: [], waiting: [], dropped: 0, clearedAt };
    }
    case 'reset':
      return { ...initialFlowRows(state.limit), paused: state.paused };
  }
}
