// Classifying how an exchange with an upstream failed, the way Envoy's response flags do: no connection
// (UF), the connection broke (UC), or the upstream's answer broke HTTP/1.1 (UPE). Primary attempts and
// mirror copies classify alike through these.

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'EADDRINUSE',
]);

/** How an exchange on an upstream connection failed. */
export type UpstreamFailure = 'connect-failure' | 'reset' | 'protocol-error';

/** The Envoy response flag of each failure. */
export const FAILURE_FLAG: Readonly<Record<UpstreamFailure, 'UF' | 'UC' | 'UPE'>> = {
  'connect-failure': 'UF',
  reset: 'UC',
  'protocol-error': 'UPE',
};

/** The upstream's answer is not HTTP/1.1 as RFC 9112 frames it (thrown by ResponseReader; flag UPE). */
export class UpstreamProtocolError extends Error {
  override readonly name = 'UpstreamProtocolError';
}

/** True for errors that mean no connection was made (flag UF); others after connect are resets (UC). */
export function isConnectFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CONNECT_FAILURES.has(code);
}

/** A socket error on an upstream connection: a connect failure only before it was established. */
export function socketFailure(connected: boolean, err: unknown): 'connect-failure' | 'reset' {
  return !connected && isConnectFailure(err) ? 'connect-failure' : 'reset';
}

/**
 * A throw out of ResponseReader.feed: the answer was malformed (UPE), or something the reader's sink did
 * failed, which says nothing about the upstream's HTTP and is reported as the connection breaking (UC).
 */
export function readFailure(err: unknown): 'protocol-error' | 'reset' {
  return err instanceof UpstreamProtocolError ? 'protocol-error' : 'reset';
}
