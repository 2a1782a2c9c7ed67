// Replies the proxy makes itself, as Envoy does: a status, the response flag in a header, a short
// plain-text body, never a stack trace.
import type { ServerResponse } from 'node:http';
import { FLAGS_HEADER } from './forwarded-headers.js';

/** Envoy response flags used by this proxy (see README). */
export type ResponseFlag =
  | 'NR'
  | 'UH'
  | 'UF'
  | 'UC'
  | 'UT'
  | 'URX'
  | 'FI'
  | 'DI'
  | 'DC'
  | 'NC'
  | 'UO'
  | 'UPE'
  | 'DPE';

export const LOCAL_REPLY_TEXT: Readonly<Record<ResponseFlag, string>> = {
  NR: 'no route matched',
  UH: 'no healthy upstream',
  UF: 'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
  UC: 'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
  UT: 'upstream request timeout',
  URX: 'upstream retry limit exceeded',
  FI: 'fault filter abort',
  DI: 'fault filter delay',
  DC: 'downstream connection termination',
  NC: 'no configuration received yet',
  UO: 'upstream connect error or disconnect/reset before headers. reset reason: overflow',
  UPE: 'upstream connect error or disconnect/reset before headers. reset reason: protocol error',
  DPE: 'downstream protocol error',
};

/** Sends a local reply unless a response is already under way (then the socket is closed instead). */
export function sendLocalReply(
  res: ServerResponse,
  status: number,
  flags: string,
  requestId: string | null,
  body: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (res.destroyed) return;
  const payload = `${body}\n`;
  const headers: Record<string, string | number> = {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    [FLAGS_HEADER]: flags,
  };
  if (requestId !== null) headers['x-request-id'] = requestId;
  res.writeHead(status, headers);
  res.end(payload);
}
