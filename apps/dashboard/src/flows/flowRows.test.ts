import { describe, expect, it } from 'vitest';
import { type FlowRowsState, flowRowsReducer, initialFlowRows, newWaiting, upsertFlow } from './flowRows';
import { summary } from './testFlows';

const ids = (state: Pick<FlowRowsState, 'rows'>) => state.rows.map((r) => r.requestId);

function apply(state: FlowRowsState, ...actions: Parameters<typeof flowRowsReducer>[1][]): FlowRowsState {
  return actions.reduce(flowRowsReducer, state);
}

describe('upsertFlow', () => {
  it('puts new exchanges newest first and replaces one with the same requestId in place', () => {
    let rows = upsertFlow([], summary('a', 1), 10);
    rows = upsertFlow(rows, summary('c', 3), 10);
    rows = upsertFlow(rows, summary('b', 2), 10);
    expect(rows.map((r) => r.requestId)).toEqual(['c', 'b', 'a']);
    const updated = { ...summary('b', 2), pendingCopies: 0 };
    rows = upsertFlow(rows, updated, 10);
    expect(rows.map((r) => r.requestId)).toEqual(['c', 'b', 'a']);
    expect(rows[1]).toBe(updated);
  });

  it('keeps at most limit rows, dropping the oldest', () => {
    let rows = upsertFlow([], summary('a', 1), 2);
    rows = upsertFlow(rows, summary('b', 2), 2);
    rows = upsertFlow(rows, summary('c', 3), 2);
    expect(rows.map((r) => r.requestId)).toEqual(['c', 'b']);
    // Older than everything kept: not added.
    expect(upsertFlow(rows, summary('old', 0), 2).map((r) => r.requestId)).toEqual(['c', 'b']);
  });

  it('stays bounded over many updates', () => {
    let rows = upsertFlow([], summary('0', 0), 500);
    for (let i = 1; i < 2000; i += 1) rows = upsertFlow(rows, summary(String(i), i), 500);
    expect(rows).toHaveLength(500);
    expect(rows[0]?.requestId).toBe('1999');
    expect(rows[499]?.requestId).toBe('1500');
  });

  it('does not change the array it was given', () => {
    const rows = [summary('a', 1)];
    upsertFlow(rows, summary('b', 2), 10);
    expect(rows.map((r) => r.requestId)).toEqual(['a']);
  });
});

describe('flowRowsReducer', () => {
  it('adds listed rows only where the live stream has not already put them', () => {
    const live = { ...summary('a', 1), pendingCopies: 0 };
    const state = apply(
      initialFlowRows(),
      { type: 'flow', flow: live },
      {
        type: 'loaded',
        items: [summary('b', 2), summary('a', 1)],
      },
    );
    expect(ids(state)).toEqual(['b', 'a']);
    expect(state.rows[1]).toBe(live);
  });

  it('holds updates while paused, counts the new ones, and applies them on resume', () => {
    let state = apply(initialFlowRows(), { type: 'flow', flow: summary('a', 1) }, { type: 'pause' });
    state = apply(
      state,
      { type: 'flow', flow: summary('b', 2) },
      { type: 'flow', flow: summary('c', 3) },
      { type: 'flow', flow: { ...summary('a', 1), pendingCopies: 0 } },
    );
    expect(ids(state)).toEqual(['a']);
    expect(state.rows[0]?.pendingCopies).toBe(1);
    expect(newWaiting(state)).toBe(2);
    state = flowRowsReducer(state, { type: 'resume' });
    expect(ids(state)).toEqual(['c', 'b', 'a']);
    expect(state.rows[2]?.pendingCopies).toBe(0);
    expect(state.waiting).toEqual([]);
    expect(state.paused).toBe(false);
  });

  it('sums dropped counts and clears them with the rows; cleared exchanges do not come back', () => {
    let state = apply(
      initialFlowRows(),
      { type: 'flow', flow: summary('a', 1) },
      { type: 'dropped', count: 3 },
      { type: 'dropped', count: 0 },
      { type: 'dropped', count: 2 },
    );
    expect(state.dropped).toBe(5);
    state = apply(
      state,
      { type: 'pause' },
      { type: 'flow', flow: summary('b', 5) },
      { type: 'clear' },
      { type: 'resume' },
      { type: 'flow', flow: summary('a', 1) },
      { type: 'loaded', items: [summary('b', 5), summary('c', 4)] },
    );
    expect(ids(state)).toEqual([]);
    expect(state.dropped).toBe(0);
    state = flowRowsReducer(state, { type: 'flow', flow: summary('new', 6) });
    expect(ids(state)).toEqual(['new']);
  });

  it('starts again on reset, keeping the paused choice', () => {
    const state = apply(
      initialFlowRows(),
      { type: 'flow', flow: summary('a', 1) },
      { type: 'pause' },
      {
        type: 'reset',
      },
    );
    expect(state.rows).toEqual([]);
    expect(state.paused).toBe(true);
  });
});
