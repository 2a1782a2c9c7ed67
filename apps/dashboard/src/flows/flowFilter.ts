// The Flows page's filters and the URL: which query parameters hold a FlowFilter, reading them back
// (an invalid value is reported with the field it concerns, not sent), and the REST path of a list.
import type { FlowFilter, FlowType } from '@shadowmesh/api';

/** The URL parameters that are filter fields, in the order the toolbar shows them. */
export const FILTER_KEYS = ['namespace', 'service', 'workload', 'method', 'path', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const STATUS_PATTERN = /^([1-5][0-9][0-9]|[1-5]xx|0)$/;
const FLOW_TYPES: readonly FlowType[] = ['primary', 'mirror', 'baseline'];

export interface FilterProblem {
  /** The URL parameter (and FlowFilter field) that is wrong. */
  field: string;
  message: string;
}

export interface ParsedFilter {
  filter: FlowFilter;
  problems: FilterProblem[];
}

/** Reads the filter fields of the page's URL; a bad value is left out of the filter and reported. */
export function filterFromParams(params: URLSearchParams): ParsedFilter {
  const filter: FlowFilter = {};
  const problems: FilterProblem[] = [];
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'status') {
      const status = value.toLowerCase();
      if (STATUS_PATTERN.test(status)) filter.status = status;
      else problems.push({ field: 'status', message: 'status: a code (503), a class (5xx) or 0' });
    } else if (key === 'method') {
      filter.method = value.toUpperCase();
    } else if (key === 'path') {
      if (value.startsWith('/')) filter.path = value;
      else problems.push({ field: 'path', message: 'path: a path prefix starts with /' });
    } else {
      filter[key] = value;
    }
  }
  const type = params.get('type');
  if (type) {
    if ((FLOW_TYPES as readonly string[]).includes(type)) filter.type = type as FlowType;
    else problems.push({ field: 'type', message: 'type: primary, mirror or baseline' });
  }
  return { filter, problems };
}

/** A filter as URL parameters (what links into the Flows page use). */
export function filterToParams(filter: FlowFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.type) params.set('type', filter.type);
  return params;
}

/** A stable text of a filter (fields in one order), for query keys and to notice a change. */
export function filterKey(filter: FlowFilter): string {
  return filterToParams(filter).toString();
}

/** `GET /api/v1/flows` with the filter and a row limit. */
export function flowListPath(filter: FlowFilter, limit: number): string {
  const params = filterToParams(filter);
  params.set('limit', String(limit));
  return `/api/v1/flows?${params.toString()}`;
}
