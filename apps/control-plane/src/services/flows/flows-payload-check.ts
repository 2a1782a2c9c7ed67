// Validation of one proxy's `flows` payload: its shape (FlowsPayloadSchema; the first bad field is
// named), then who speaks: a primary record's source must be the sending proxy's workload, since a
// proxy only captures the requests it routes itself. Never throws.
import type { FlowRecord, FlowsPayload, ProxyIdentity } from '@shadowmesh/api';
import { FlowsPayloadSchema, schemaErrors } from '@shadowmesh/api';

export type PayloadCheck =
  | { ok: true; payload: FlowsPayload; accepted: FlowRecord[]; foreign: number }
  | { ok: false; field: string; message: string };

export function checkFlowsPayload(proxy: ProxyIdentity, payload: unknown): PayloadCheck {
  let errors: ReturnType<typeof schemaErrors>;
  try {
    errors = schemaErrors(FlowsPayloadSchema, payload);
  } catch (error) {
    return { ok: false, field: 'payload', message: (error as Error).message };
  }
  const first = errors[0];
  if (first !== undefined) {
    const field = first.field === '(root)' ? 'payload' : `payload.${first.field}`;
    return { ok: false, field, message: first.message };
  }
  const checked = payload as FlowsPayload;
  const accepted: FlowRecord[] = [];
  let foreign = 0;
  for (const record of checked.flows) {
    if (record.type === 'primary' && !speaksFor(proxy, record)) foreign++;
    else accepted.push(record);
  }
  return { ok: true, payload: checked, accepted, foreign };
}

/** The record's source is the proxy's own workload. */
export function speaksFor(proxy: ProxyIdentity, record: FlowRecord): boolean {
  return record.source.workload === proxy.workload && record.source.namespace === proxy.namespace;
}
