// The query string of `GET /api/v1/flows` (and of `/api/v1/divergence`): each parameter checked, a
// bad one a 400 naming it (`query.status`).
import type { FlowFilter } from '@shadowmesh/api';
import { FlowFilterSchema, schemaErrors } from '@shadowmesh/api';
import { cpError } from '../../errors.js';
import type { FlowQuery } from '../../services/flows/flow-filter.js';
import { single } from '../graph/query-params.js';

export const DEFAULT_FLOW_LIMIT = 100;
export const MAX_FLOW_LIMIT = 1_000;

const FILTER_FIELDS = ['namespace', 'service', 'workload', 'method', 'path', 'status', 'type'] as const;

export type FlowsQuerystring = Partial<Record<(typeof FILTER_FIELDS)[number] | 'since' | 'limit', unknown>>;

export function parseFlowsQuery(q: FlowsQuerystring): { query: FlowQuery; limit: number } {
  const filter = parseFilter(q, FILTER_FIELDS);
  const query: FlowQuery = { filter };
  const since = single(q.since, 'query.since');
  if (since !== undefined) query.since = parseSince(since);
  const limitText = single(q.limit, 'query.limit');
  let limit = DEFAULT_FLOW_LIMIT;
  if (limitText !== undefined) {
    limit = /^\d{1,7}$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (!(limit >= 1 && limit <= MAX_FLOW_LIMIT)) {
      throw bad('query.limit', `must be an integer from 1 to ${MAX_FLOW_LIMIT}`);
    }
  }
  return { query, limit };
}

/** The filter fields among `fields`, validated against FlowFilterSchema. */
export function parseFilter(q: FlowsQuerystring, fields: readonly (keyof FlowFilter)[]): FlowFilter {
  const filter: Record<string, string> = {};
  for (const name of fields) {
    const value = single(q[name], `query.${name}`);
    if (value !== undefined) filter[name] = value;
  }
  const first = schemaErrors(FlowFilterSchema, filter)[0];
  if (first !== undefined) throw bad(`query.${first.field}`, first.message);
  return filter as FlowFilter;
}

/** Milliseconds since the epoch, or an ISO 8601 date. */
function parseSince(text: string): number {
  const ms = /^\d{1,16}$/.test(text)
    ? Number(text)
    : /^\d{4}-\d{2}-\d{2}/.test(text)
      ? Date.parse(text)
      : Number.NaN;
  if (!Number.isFinite(ms))
    throw bad('query.since', 'must be milliseconds since the epoch or an ISO 8601 date');
  return ms;
}

function bad(field: string, message: string) {
  return cpError('CP_ERR_BAD_REQUEST', `${field}: ${message}`, { field });
}
