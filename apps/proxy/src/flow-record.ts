// Building FlowRecords: the parts every record shares (peers, destination, limits of the wire schema)
// so that a record always passes the control plane's FlowRecordSchema (one bad record would cost the batch),
// and the record of a primary or of a copy from its plan and how it ended.
import type { FlowDestination, FlowPeer, FlowRecord } from '@shadowmesh/api';
import { splitServiceHost } from '@shadowmesh/api';
import type { Cluster, Endpoint, MirrorDecision } from '@shadowmesh/routing';
import { SHADOW_HEADER } from '@shadowmesh/routing';
import { UNKNOWN } from '@shadowmesh/telemetry';
import type { CopyEnd, ExchangePlan, ExchangeResult } from './exchange-types.js';
import { PEER_HEADER } from './forwarded-headers.js';
import { flowRequestHeaders, flowResponseHeaders } from './header-redaction.js';
import { splitAuthority } from './host-port.js';

/** Set per upstream request, not part of what the client sent. */
export const NOT_RECORDED: ReadonlySet<string> = new Set([PEER_HEADER, 'transfer-encoding']);

/** Where record ids and the source peer come from (the FlowCapture of this proxy). */
export interface RecordIds {
  readonly source: FlowPeer;
  nextId(): string;
}

/** Cuts `value` to the schema's `max` characters. */
export function clip(value: string, max: number): string {
  return value.length > max ? value.slice(0, max) : value;
}

/** An answer worth keeping whatever the sampling said: 5xx, none at all, or any response flag. */
export function isErrorResult(status: number, flags: string): boolean {
  return status >= 500 || status === 0 || flags !== '-';
}

/** A peer with `unknown` labels left out. */
export function flowPeer(workload: string, namespace: string, app: string, version: string): FlowPeer {
  const peer: FlowPeer = { workload: clip(workload, 253), namespace: clip(namespace, 253) };
  if (app !== UNKNOWN && app !== '') peer.app = clip(app, 253);
  if (version !== UNKNOWN && version !== '') peer.version = clip(version, 253);
  return peer;
}

/** The namespace of a service host: from its FQDN, else the endpoint's, else `unknown`. */
export function serviceNamespace(host: string, endpoint: Endpoint | null): string {
  return splitServiceHost(host)?.namespace ?? endpoint?.namespace ?? UNKNOWN;
}

/** Where a request (or copy) went: a cluster's endpoint, or a fixed address (passthrough). */
export function flowDestination(
  cluster: Cluster | null,
  endpoint: Endpoint | null,
  authority: string,
  address: string | null,
): FlowDestination {
  const service = cluster?.host ?? (splitAuthority(authority).host || UNKNOWN);
  const dest: FlowDestination = {
    service: clip(service, 253),
    namespace: clip(serviceNamespace(service, endpoint), 253),
  };
  if (cluster?.subset) dest.subset = clip(cluster.subset, 253);
  if (endpoint !== null) {
    dest.workload = clip(endpoint.workload, 253);
    const app = endpoint.labels.app;
    const version = endpoint.labels.version;
    if (app) dest.app = clip(app, 253);
    if (version) dest.version = clip(version, 253);
  }
  const at = endpoint?.address ?? address;
  if (at !== null) dest.address = clip(at, 300);
  return dest;
}

/** The fields of a record that do not depend on how it was captured (bodies and reason filled by the caller). */
export interface RecordFacts {
  id: string;
  requestId: string;
  type: FlowRecord['type'];
  startTime: number;
  durationMs: number;
  source: FlowPeer;
  destination: FlowDestination;
  route: string | null;
  method: string;
  authority: string;
  path: string;
  status: number;
  flags: string;
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  requestBytes: number;
  responseBytes: number;
}

/** A record without bodies, reason `error` (callers change the reason and add bodies when they keep more). */
export function makeRecord(f: RecordFacts): FlowRecord {
  const record: FlowRecord = {
    id: clip(f.id, 300),
    requestId: clip(f.requestId, 300) || 'unknown',
    type: f.type,
    reason: 'error',
    startTime: Math.max(0, f.startTime),
    durationMs: Math.max(0, f.durationMs),
    source: f.source,
    destination: f.destination,
    method: clip(f.method, 64) || 'GET',
    authority: clip(f.authority, 600),
    path: clip(f.path, 16_384),
    status: f.status >= 0 && f.status <= 999 ? Math.trunc(f.status) : 0,
    flags: clip(f.flags, 64),
    requestHeaders: f.requestHeaders,
    responseHeaders: f.responseHeaders,
    requestBytes: Math.max(0, Math.trunc(f.requestBytes)),
    responseBytes: Math.max(0, Math.trunc(f.responseBytes)),
    requestBody: null,
    responseBody: null,
  };
  if (f.route !== null) record.route = clip(f.route, 600);
  return record;
}

/** The record of a primary that ended with `result` (the caller adds bodies and the reason). */
export function primaryRecord(
  capture: RecordIds,
  plan: ExchangePlan,
  result: ExchangeResult,
  startTime: number,
  redact: ReadonlySet<string>,
  responseHeaders: readonly string[] | null,
): FlowRecord {
  return makeRecord({
    id: capture.nextId(),
    requestId: plan.requestId,
    type: 'primary',
    startTime,
    durationMs: result.durationMs,
    source: capture.source,
    destination: flowDestination(plan.cluster, result.endpoint, plan.authority, plan.address),
    route: plan.flowRoute,
    method: plan.method,
    authority: plan.authority,
    path: plan.path,
    status: result.status,
    flags: result.flags,
    requestHeaders: flowRequestHeaders(plan.headers, redact, NOT_RECORDED),
    responseHeaders: flowResponseHeaders(responseHeaders, redact),
    requestBytes: result.requestBytes,
    responseBytes: result.responseBytes,
  });
}

/** The record of a mirror or baseline copy of `plan` that ended as `end` (as its target saw it). */
export function copyRecord(
  capture: RecordIds,
  plan: ExchangePlan,
  decision: MirrorDecision,
  endpoint: Endpoint,
  startTime: number,
  end: CopyEnd,
  headers: { redact: ReadonlySet<string>; responseHeaders: readonly string[] | null },
): FlowRecord {
  const record = makeRecord({
    id: capture.nextId(),
    requestId: plan.requestId,
    type: decision.baseline ? 'baseline' : 'mirror',
    startTime,
    durationMs: end.durationMs,
    source: capture.source,
    destination: flowDestination(decision.cluster, endpoint, decision.authority, null),
    route: plan.flowRoute,
    method: plan.method,
    authority: decision.authority,
    path: plan.path,
    status: end.status,
    flags: end.flags,
    requestHeaders: flowRequestHeaders(plan.headers, headers.redact, NOT_RECORDED, {
      host: decision.authority,
      [SHADOW_HEADER]: '1',
    }),
    responseHeaders: flowResponseHeaders(headers.responseHeaders, headers.redact),
    requestBytes: end.requestBytes,
    responseBytes: end.responseBytes,
  });
  record.outcome = end.outcome;
  return record;
}
