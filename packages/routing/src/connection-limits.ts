// Istio `connectionPool` compiled into what the proxy enforces per cluster (Envoy's circuit breakers
// and connection options), with Istio's defaults for absent fields.
import type { ConnectionPoolSettings } from '@shadowmesh/api';
import { parseDuration } from '@shadowmesh/api';
import type { ConnectionLimits } from './types.js';

/** Istio leaves Envoy's circuit breakers at 2^32-1 ("unlimited") unless a field sets them. */
const UNLIMITED = 2 ** 32 - 1;

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = Object.freeze({
  connectTimeoutMs: 10_000,
  maxConnections: UNLIMITED,
  maxPendingRequests: UNLIMITED,
  maxRequests: UNLIMITED,
  maxRequestsPerConnection: 0,
  maxConnectionDurationMs: 0,
  idleTimeoutMs: 0,
});

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

function ms(text: string | undefined, fallback: number, field: string, onError: (m: string) => void): number {
  if (text === undefined) return fallback;
  try {
    return parseDuration(text);
  } catch (err) {
    onError(`connectionPool.${field} "${text}": ${(err as Error).message}`);
    return fallback;
  }
}

/** Compiles one cluster's `connectionPool` (absent ⇒ Istio's defaults). */
export function compileConnectionLimits(
  cp: ConnectionPoolSettings | undefined,
  onError: (message: string) => void,
): ConnectionLimits {
  if (!cp) return DEFAULT_CONNECTION_LIMITS;
  const d = DEFAULT_CONNECTION_LIMITS;
  const tcp = cp.tcp ?? {};
  const http = cp.http ?? {};
  const connectTimeoutMs = ms(tcp.connectTimeout, d.connectTimeoutMs, 'tcp.connectTimeout', onError);
  return Object.freeze({
    // Envoy refuses a zero connect timeout; Istio's validation does too. Keep the default then.
    connectTimeoutMs: connectTimeoutMs > 0 ? connectTimeoutMs : d.connectTimeoutMs,
    maxConnections: positive(tcp.maxConnections, d.maxConnections),
    maxPendingRequests: positive(http.http1MaxPendingRequests, d.maxPendingRequests),
    maxRequests: positive(http.http2MaxRequests, d.maxRequests),
    maxRequestsPerConnection: positive(http.maxRequestsPerConnection, 0),
    maxConnectionDurationMs: ms(tcp.maxConnectionDuration, 0, 'tcp.maxConnectionDuration', onError),
    idleTimeoutMs: ms(http.idleTimeout, 0, 'http.idleTimeout', onError),
  });
}
