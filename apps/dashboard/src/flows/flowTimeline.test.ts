import { describe, expect, it } from 'vitest';
import { copyCells, requestText, rowResult, statusText } from './flowRowView';
import { flowTimeline } from './flowTimeline';
import { exchange, flowRecord, mirrorRecord, summary } from './testFlows';

describe('flowTimeline', () => {
  it('places the client, primary and shadow hops by start time', () => {
    const timeline = flowTimeline(exchange());
    expect(timeline.steps.map((s) => [s.kind, s.label, s.offsetMs, s.durationMs, s.status])).toEqual([
      ['client', 'client → client sidecar', 0, 12, undefined],
      ['primary', 'client sidecar → httpbin v1 (primary)', 0, 12, 200],
      ['mirror', 'client sidecar → httpbin v2 (shadow)', 1, 20, 200],
    ]);
    expect(timeline.steps[2]?.outcome).toBe('mirrored-ok');
    expect(timeline.spanMs).toBe(21);
  });

  it('draws copies whose primary was not captured', () => {
    const timeline = flowTimeline(exchange({ primary: null, startTime: 1_001 }));
    expect(timeline.steps.map((s) => s.kind)).toEqual(['mirror']);
    expect(timeline.steps[0]?.offsetMs).toBe(0);
  });

  it('names destinations without app labels by workload or service host', () => {
    const bare = flowRecord({
      destination: { service: 'reviews.default.svc.cluster.local', namespace: 'default', subset: 'v3' },
    });
    const timeline = flowTimeline(exchange({ primary: bare, copies: [] }));
    expect(timeline.steps[1]?.label).toBe('client sidecar → reviews v3 (primary)');
  });
});

describe('flow rows', () => {
  it('shows a pending copy until it arrives, then its comparison', () => {
    const pending = summary('a', 1);
    expect(copyCells(pending).map((c) => c.result)).toEqual(['pending']);
    expect(rowResult(copyCells(pending))).toBe('pending');
    const { requestHeaders, responseHeaders, requestBody, responseBody, ...copy } = mirrorRecord({
      status: 500,
    });
    const done = {
      ...pending,
      copies: [copy],
      pendingCopies: 0,
      comparisons: [{ copyId: copy.id, result: 'divergent' as const, fields: ['status', '$.version'] }],
    };
    expect(copyCells(done)).toEqual([
      {
        key: 'client/2',
        status: 500,
        durationMs: 20,
        outcome: 'mirrored-ok',
        target: 'httpbin v2',
        result: 'divergent',
        fields: ['status', '$.version'],
      },
    ]);
    expect(rowResult(copyCells(done))).toBe('divergent');
    expect(rowResult(copyCells({ ...pending, pendingCopies: 0 }))).toBeNull();
  });

  it('matches comparisons to copies by id, never by position', () => {
    const strip = (r: ReturnType<typeof mirrorRecord>) => {
      const { requestHeaders, responseHeaders, requestBody, responseBody, ...rest } = r;
      return rest;
    };
    const first = strip(mirrorRecord({ id: 'client/2' }));
    const second = strip(mirrorRecord({ id: 'client/3' }));
    const flow = {
      ...summary('a', 1),
      copies: [first, second],
      pendingCopies: 0,
      // Only the second copy was compared so far.
      comparisons: [{ copyId: 'client/3', result: 'divergent' as const, fields: ['$.x'] }],
    };
    expect(copyCells(flow).map((c) => c.result)).toEqual(['pending', 'divergent']);
  });

  it('writes statuses and requests', () => {
    expect(statusText(0, 'UT')).toBe('no answer UT');
    expect(statusText(200, '-')).toBe('200');
    expect(requestText(summary('a', 1))).toBe('GET /anything');
  });
});
