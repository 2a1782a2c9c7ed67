// Parses and checks messages from proxies. A bad message yields an error naming the field; it
// never throws (this runs inside socket callbacks).
import type { ProxyIdentity, ProxyKind, ProxyToControlPlane } from '@shadowmesh/api';

export type ParsedMessage =
  | { ok: true; message: ProxyToControlPlane }
  | { ok: false; field: string; error: string };

const KINDS: readonly ProxyKind[] = ['sidecar', 'gateway'];
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

export function parseProxyMessage(text: string): ParsedMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return bad('', `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) return bad('', 'a message must be a JSON object');
  switch (value.type) {
    case 'hello':
      return parseHello(value);
    case 'ack':
      if (!isVersion(value.version)) return bad('version', 'must be a non-empty string');
      return { ok: true, message: { type: 'ack', version: value.version } };
    case 'nack':
      if (!isVersion(value.version)) return bad('version', 'must be a non-empty string');
      if (typeof value.error !== 'string') return bad('error', 'must be a string');
      return {
        ok: true,
        message: { type: 'nack', version: value.version, error: value.error.slice(0, 4096) },
      };
    case 'telemetry':
    case 'flows':
      if (!('payload' in value)) return bad('payload', 'is required');
      return { ok: true, message: { type: value.type, payload: value.payload } };
    default:
      return bad('type', `unknown message type ${JSON.stringify(value.type)}`);
  }
}

function parseHello(value: Record<string, unknown>): ParsedMessage {
  if (typeof value.protocolVersion !== 'number') return bad('protocolVersion', 'must be a number');
  if (value.lastConfigVersion !== undefined && typeof value.lastConfigVersion !== 'string') {
    return bad('lastConfigVersion', 'must be a string');
  }
  const p = value.proxy;
  if (!isObject(p)) return bad('proxy', 'must be an object');
  for (const field of ['id', 'workload', 'namespace'] as const) {
    const v = p[field];
    if (typeof v !== 'string' || v.length === 0 || v.length > 253) {
      return bad(`proxy.${field}`, 'must be a non-empty string of at most 253 characters');
    }
  }
  if (!KINDS.includes(p.kind as ProxyKind)) return bad('proxy.kind', 'must be "sidecar" or "gateway"');
  if (!isObject(p.labels)) return bad('proxy.labels', 'must be an object of strings');
  for (const [k, v] of Object.entries(p.labels)) {
    if (typeof v !== 'string') return bad(`proxy.labels.${k}`, 'must be a string');
  }
  for (const field of ['inbound', 'outbound', 'admin', 'listen'] as const) {
    const v = p[field];
    if (v === undefined && field === 'listen') continue;
    if (v !== null && (typeof v !== 'string' || !HOST_PORT.test(v))) {
      return bad(`proxy.${field}`, 'must be HOST:PORT or null');
    }
  }
  const proxy: ProxyIdentity = {
    id: p.id as string,
    kind: p.kind as ProxyKind,
    workload: p.workload as string,
    namespace: p.namespace as string,
    labels: { ...(p.labels as Record<string, string>) },
    inbound: p.inbound as string | null,
    outbound: p.outbound as string | null,
    admin: p.admin as string | null,
    ...(p.listen !== undefined ? { listen: p.listen as string | null } : {}),
  };
  const hello: ProxyToControlPlane = { type: 'hello', protocolVersion: value.protocolVersion, proxy };
  if (typeof value.lastConfigVersion === 'string') hello.lastConfigVersion = value.lastConfigVersion;
  return { ok: true, message: hello };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isVersion(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= 64;
}

function bad(field: string, error: string): ParsedMessage {
  return { ok: false, field, error: field ? `${field} ${error}` : error };
}
