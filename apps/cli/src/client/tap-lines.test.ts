import type { FlowExchangeSummary, FlowRecordSummary } from '@shadowmesh/api';
import { describe, expect, it } from 'vitest';
import { formatLatency, TapPrinter } from './tap-lines.js';

const record = (over: Partial<FlowRecordSummary>): FlowRecordSummary => ({
  id: 'sleep-1/1',
  requestId: 'r1',
  type: 'primary',
  reason: 'sampled',
  startTime: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  durationMs: 3.2,
  source: { workload: 'sleep', namespace: 'default' },
  destination: { service: 'httpbin.default.svc.cluster.local', namespace: 'default', subset: 'v1' },
  route: 'httpbin.default',
  method: 'GET',
  authority: 'httpbin:8000',
  path: '/headers',
  status: 200,
  flags: '-',
  requestBytes: 0,
  responseBytes: 312,
  ...over,
});

const primary = record({ copies: 1 });
const copy = record({
  id: 'sleep-1/2',
  type: 'mirror',
  durationMs: 5,
  destination: { service: 'httpbin.default.svc.cluster.local', namespace: 'default', subset: 'v2' },
  authority: 'httpbin-shadow:8000',
  outcome: 'mirrored-ok',
});

const exchange = (over: Partial<FlowExchangeSummary>): FlowExchangeSummary => ({
  id: 'r1~00000001',
  requestId: 'r1',
  startTime: primary.startTime,
  primary,
  copies: [],
  comparisons: [],
  pendingCopies: 0,
  ...over,
});

describe('TapPrinter', () => {
  it('prints a request with its shadow answer and comparison on one line', () => {
    const printer = new TapPrinter('line');
    const flow = exchange({
      copies: [copy],
      comparisons: [{ copyId: copy.id, result: 'divergent', fields: ['$.version', 'x-demo'] }],
    });
    expect(printer.lines({ type: 'flow', flow })).toEqual({
      stdout: [
        'req id=r1 src=sleep dst=httpbin(v1) :method=GET :path=/headers  rsp :status=200 latency=3.2ms  shadow=v2 :status=200 latency=5.0ms  divergent($.version,x-demo)',
      ],
      stderr: [],
    });
    // The same state again prints nothing.
    expect(printer.lines({ type: 'flow', flow }).stdout).toEqual([]);
  });

  it('prints a copy arriving later as a second line marked shadow', () => {
    const printer = new TapPrinter('line');
    const first = printer.lines({ type: 'flow', flow: exchange({ pendingCopies: 1 }) });
    expect(first.stdout).toEqual([
      'req id=r1 src=sleep dst=httpbin(v1) :method=GET :path=/headers  rsp :status=200 latency=3.2ms  shadow=pending(1)',
    ]);
    const later = printer.lines({
      type: 'flow',
      flow: exchange({ copies: [copy], comparisons: [{ copyId: copy.id, result: 'equal', fields: [] }] }),
    });
    expect(later.stdout).toEqual([
      'shadow id=r1 src=sleep dst=httpbin(v2)  :status=200 latency=5.0ms  equal',
    ]);
  });

  it('shows a copy without an answer with its flags and outcome, and a copy whose primary is missing', () => {
    const printer = new TapPrinter('line');
    const dead = { ...copy, status: 0, flags: 'UT', durationMs: 5000, outcome: 'timed-out' };
    const out = printer.lines({
      type: 'flow',
      flow: exchange({
        primary: null,
        copies: [dead],
        comparisons: [{ copyId: dead.id, result: 'incomparable', fields: [] }],
      }),
    });
    expect(out.stdout).toEqual([
      'shadow id=r1 src=sleep dst=httpbin(v2)  :status=- latency=5.00s flags=UT outcome=timed-out  incomparable  (primary not captured)',
    ]);
  });

  it('adds time, namespaces, authority, route and sizes in wide output', () => {
    const printer = new TapPrinter('wide');
    const out = printer.lines({
      type: 'flow',
      flow: exchange({ copies: [copy], comparisons: [{ copyId: copy.id, result: 'equal', fields: [] }] }),
    });
    expect(out.stdout).toEqual([
      'req id=r1 time=2026-01-02T03:04:05.678Z src=sleep.default dst=httpbin.default(v1) :method=GET :authority=httpbin:8000 :path=/headers route=httpbin.default  rsp :status=200 latency=3.2ms bytes=0/312  shadow=v2 :authority=httpbin-shadow:8000 :status=200 latency=5.0ms bytes=0/312  equal',
    ]);
  });

  it('prints every message as JSON with -o json', () => {
    const printer = new TapPrinter('json');
    const flow = exchange({});
    expect(printer.lines({ type: 'flow', flow }).stdout).toEqual([JSON.stringify({ type: 'flow', flow })]);
    expect(printer.lines({ type: 'dropped', count: 3 }).stdout).toEqual(['{"type":"dropped","count":3}']);
  });

  it('sends dropped counts and server errors to stderr', () => {
    const printer = new TapPrinter('line');
    expect(printer.lines({ type: 'dropped', count: 7 })).toEqual({
      stdout: [],
      stderr: ['tap: 7 flows not shown (over the --rate limit)'],
    });
    expect(
      printer.lines({
        type: 'error',
        code: 'CP_ERR_BAD_REQUEST',
        message: 'bad status',
        field: 'filter.status',
      }),
    ).toEqual({
      stdout: [],
      stderr: ['Error from server (CP_ERR_BAD_REQUEST): bad status (field: filter.status)'],
    });
  });
});

describe('formatLatency', () => {
  it.each([
    [0.42, '0.4ms'],
    [9.96, '10.0ms'],
    [12.4, '12ms'],
    [999.6, '1000ms'],
    [1500, '1.50s'],
  ])('%d ms → %s', (ms, text) => expect(formatLatency(ms)).toBe(text));
});
