// What the API shows of a held exchange: the summary row (no headers, no bodies) and the full
// exchange, with the copies still awaited.
import type {
  FlowComparison,
  FlowExchange,
  FlowExchangeSummary,
  FlowRecord,
  FlowRecordSummary,
} from '@shadowmesh/api';
import type { HeldExchange } from './exchange-ring.js';

/** Counted differing fields listed per comparison in a summary. */
const SUMMARY_FIELDS = 5;

/** Copies the primary announced that have not arrived, while they are still awaited. */
export function pendingCopies(exchange: HeldExchange, now: number, waitMs: number): number {
  const { primary, primaryAt } = exchange;
  if (primary === null || primaryAt === null || exchange.expired) return 0;
  if (now - primaryAt >= waitMs) return 0;
  return Math.max(0, (primary.copies ?? 0) - exchange.copies.length);
}

/** Start of the primary, else of the earliest copy. */
export function startTimeOf(exchange: HeldExchange): number {
  if (exchange.primary !== null) return exchange.primary.startTime;
  let start = Number.POSITIVE_INFINITY;
  for (const c of exchange.copies) start = Math.min(start, c.startTime);
  return Number.isFinite(start) ? start : 0;
}

export function summarizeRecord(record: FlowRecord): FlowRecordSummary {
  const { requestHeaders, responseHeaders, requestBody, responseBody, ...rest } = record;
  return rest;
}

export function summarizeExchange(exchange: HeldExchange, pending: number): FlowExchangeSummary {
  const comparisons: FlowExchangeSummary['comparisons'] = [];
  for (const copy of exchange.copies) {
    const c = exchange.comparisons.get(copy.id);
    if (c === undefined) continue;
    const fields = c.differences
      .filter((d) => d.ignored === undefined)
      .slice(0, SUMMARY_FIELDS)
      .map((d) => d.field);
    comparisons.push({ copyId: c.copyId, result: c.result, fields });
  }
  return {
    id: exchange.id,
    requestId: exchange.requestId,
    startTime: startTimeOf(exchange),
    primary: exchange.primary === null ? null : summarizeRecord(exchange.primary),
    copies: exchange.copies.map(summarizeRecord),
    comparisons,
    pendingCopies: pending,
  };
}

export function fullExchange(
  exchange: HeldExchange,
  comparisons: FlowComparison[],
  pending: number,
): FlowExchange {
  return {
    id: exchange.id,
    requestId: exchange.requestId,
    startTime: startTimeOf(exchange),
    primary: exchange.primary,
    copies: [...exchange.copies],
    comparisons,
    pendingCopies: pending,
  };
}
