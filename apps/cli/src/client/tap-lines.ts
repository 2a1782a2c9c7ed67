// Turns `/api/v1/tap` messages into terminal lines, as `linkerd viz tap` prints them: one `req` line per
// request with its answer and its shadow answers, then a `shadow` line for each copy that arrives later.
import type { FlowExchangeSummary, FlowRecordSummary, TapStreamMessage } from '@shadowmesh/api';

export type TapOutput = 'line' | 'wide' | 'json';

/** Lines for stdout, and notices (dropped counts, server errors) for stderr. */
export interface TapLines {
  stdout: string[];
  stderr: string[];
}

type Comparison = FlowExchangeSummary['comparisons'][number];

/** Requests remembered to tell a later copy from a new request (oldest forgotten first). */
const REMEMBERED = 10_000;

/** Keeps what was printed of each request, so an update prints only what is new. */
export class TapPrinter {
  readonly #output: TapOutput;
  /** Exchange id → what was printed: `primary`, and `<copyId>|<result>` per copy state. */
  readonly #printed = new Map<string, Set<string>>();

  constructor(output: TapOutput) {
    this.#output = output;
  }

  lines(message: TapStreamMessage): TapLines {
    if (this.#output === 'json') return { stdout: [JSON.stringify(message)], stderr: [] };
    if (message.type === 'dropped') {
      return { stdout: [], stderr: [`tap: ${message.count} flows not shown (over the --rate limit)`] };
    }
    if (message.type === 'error') {
      const field = message.field ? ` (field: ${message.field})` : '';
      return { stdout: [], stderr: [`Error from server (${message.code}): ${message.message}${field}`] };
    }
    return { stdout: this.#flowLines(message.flow), stderr: [] };
  }

  #flowLines(flow: FlowExchangeSummary): string[] {
    const wide = this.#output === 'wide';
    let printed = this.#printed.get(flow.id);
    if (printed === undefined) {
      printed = new Set();
      this.#printed.set(flow.id, printed);
      if (this.#printed.size > REMEMBERED) {
        const oldest = this.#printed.keys().next().value;
        if (oldest !== undefined) this.#printed.delete(oldest);
      }
    }
    const copies = flow.copies.map((copy) => ({ copy, comparison: comparisonOf(flow, copy.id) }));
    const keyOf = (c: (typeof copies)[number]) => `${c.copy.id}|${c.comparison?.result ?? 'none'}`;
    const out: string[] = [];
    if (flow.primary !== null && !printed.has('primary')) {
      printed.add('primary');
      const segments = [
        requestSegment(flow.requestId, flow.primary, wide),
        answerSegment(flow.primary, wide),
      ];
      for (const c of copies) {
        printed.add(keyOf(c));
        segments.push(copySegment(c.copy, wide), resultOf(c.comparison));
      }
      if (flow.pendingCopies > 0) segments.push(`shadow=pending(${flow.pendingCopies})`);
      out.push(segments.filter((s) => s !== '').join('  '));
      return out;
    }
    for (const c of copies) {
      const key = keyOf(c);
      if (printed.has(key)) continue;
      printed.add(key);
      const head = `shadow id=${flow.requestId} src=${c.copy.source.workload} dst=${destinationOf(c.copy)}`;
      const segments = [head, copyAnswer(c.copy, wide), resultOf(c.comparison)];
      if (flow.primary === null) segments.push('(primary not captured)');
      out.push(segments.filter((s) => s !== '').join('  '));
    }
    return out;
  }
}

function comparisonOf(flow: FlowExchangeSummary, copyId: string): Comparison | undefined {
  return flow.comparisons.find((c) => c.copyId === copyId);
}

function requestSegment(requestId: string, f: FlowRecordSummary, wide: boolean): string {
  const parts = [`req id=${requestId}`];
  if (wide) parts.push(`time=${new Date(f.startTime).toISOString()}`);
  parts.push(
    `src=${f.source.workload}${wide ? `.${f.source.namespace}` : ''}`,
    `dst=${destinationOf(f, wide)}`,
    `:method=${f.method}`,
  );
  if (wide) parts.push(`:authority=${f.authority}`);
  parts.push(`:path=${f.path}`);
  if (wide && f.route) parts.push(`route=${f.route}`);
  return parts.join(' ');
}

function answerSegment(f: FlowRecordSummary, wide: boolean): string {
  return `rsp ${statusAndLatency(f, wide)}`;
}

function copySegment(copy: FlowRecordSummary, wide: boolean): string {
  const label = copy.type === 'baseline' ? 'baseline' : 'shadow';
  const target = copy.destination.subset ?? copy.destination.version ?? shortHost(copy.destination.service);
  return `${label}=${target}${wide ? ` :authority=${copy.authority}` : ''} ${statusAndLatency(copy, wide)}`;
}

function copyAnswer(copy: FlowRecordSummary, wide: boolean): string {
  return `${wide ? `:authority=${copy.authority} ` : ''}${statusAndLatency(copy, wide)}`;
}

function statusAndLatency(f: FlowRecordSummary, wide: boolean): string {
  const parts = [`:status=${f.status === 0 ? '-' : f.status}`, `latency=${formatLatency(f.durationMs)}`];
  if (f.flags !== '' && f.flags !== '-') parts.push(`flags=${f.flags}`);
  if (f.outcome !== undefined && f.outcome !== 'mirrored-ok') parts.push(`outcome=${f.outcome}`);
  if (wide) parts.push(`bytes=${f.requestBytes}/${f.responseBytes}`);
  return parts.join(' ');
}

function resultOf(comparison: Comparison | undefined): string {
  if (comparison === undefined) return '';
  if (comparison.result !== 'divergent') return comparison.result;
  return comparison.fields.length > 0 ? `divergent(${comparison.fields.join(',')})` : 'divergent';
}

/** `httpbin(v1)`: the short service name and the subset (or version) when known. */
export function destinationOf(f: FlowRecordSummary, wide = false): string {
  const d = f.destination;
  const name = wide ? `${shortHost(d.service)}.${d.namespace}` : shortHost(d.service);
  const version = d.subset ?? d.version;
  return version ? `${name}(${version})` : name;
}

/** `back.music.svc.cluster.local` → `back`; an address-like host stays as it is. */
function shortHost(host: string): string {
  if (/^\d{1,3}(\.\d{1,3}){3}(:\d+)?$/.test(host) || host.startsWith('[')) return host;
  return host.split(':')[0]?.split('.')[0] || host;
}

/** `0.4ms`, `3.2ms`, `12ms`, `1.50s`. */
export function formatLatency(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)}s`;
  if (ms >= 10) return `${Math.round(ms)}ms`;
  return `${ms.toFixed(1)}ms`;
}
