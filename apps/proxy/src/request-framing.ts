// The request framing node's llhttp accepts but RFC 9112 has a proxy refuse, checked on every request
// before anything else (routing, mirroring, forwarding): llhttp already refuses Content-Length beside
// Transfer-Encoding, repeated or malformed lengths, obs-fold, bare CR or LF, and bad chunk framing.
import type { IncomingMessage } from 'node:http';
import { LOCAL_REPLY_TEXT } from './local-reply.js';

export interface FramingRefusal {
  status: 400 | 431 | 501 | 505;
  text: string;
}

const refusal = (status: FramingRefusal['status'], why: string): FramingRefusal =>
  Object.freeze({ status, text: `${LOCAL_REPLY_TEXT.DPE}: ${why}` });

/**
 * Envoy's default `max_headers_count` (answered 431 over HTTP/1). The listeners keep every field
 * (`maxHeadersCount: 0`; a head is bounded by `maxHeaderSize` anyway): node's default keeps only the
 * first 1,000 in `rawHeaders` while llhttp frames the body by all of them, so a Transfer-Encoding or a
 * second Host after the 1,000th field was invisible to these checks, and a chunked body was forwarded
 * unframed, a request smuggled to the upstream.
 */
export const MAX_REQUEST_HEADERS = 100;

const VERSION = refusal(505, 'HTTP version not supported');
const TOO_MANY_HEADERS = refusal(431, `more than ${MAX_REQUEST_HEADERS} header fields`);
const HOST_MISSING = refusal(400, 'missing Host header');
const HOST_REPEATED = refusal(400, 'more than one Host header');
const HOST_EMPTY = refusal(400, 'empty Host header');
const TE_ON_HTTP10 = refusal(400, 'Transfer-Encoding on an HTTP/1.0 request');
const TE_NOT_CHUNKED = refusal(400, 'chunked is not the final transfer coding');
const TE_NOT_IMPLEMENTED = refusal(501, 'transfer codings other than chunked are not implemented');
/** `chunked` as the last element of a transfer-coding list. */
const FINAL_CHUNKED = /(?:^|[\t ,])chunked$/i;

/**
 * Why `req` must be answered instead of forwarded, or null (the common case: a Host count and a
 * comparison or two). `requireHost`: an HTTP/1.1 request without Host is refused (as node's
 * `requireHostHeader`, which is turned off so that this refusal is made here, with the others).
 */
export function framingRefusal(req: IncomingMessage, requireHost: boolean): FramingRefusal | null {
  // llhttp reads `HTTP/2.0` and HTTP/0.9 request lines; both would be forwarded as HTTP/1.1.
  if (req.httpVersionMajor !== 1) return VERSION;
  // RFC 9112 §3.2: no Host, more than one, or an invalid one (here: empty) is a 400. node keeps the
  // first of several, and routing would use it.
  const raw = req.rawHeaders;
  if (raw.length > 2 * MAX_REQUEST_HEADERS) return TOO_MANY_HEADERS;
  let hosts = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    // The usual spellings first: no lower-cased copy per request.
    if (name.length === 4 && (name === 'Host' || name === 'host' || name.toLowerCase() === 'host')) hosts++;
  }
  if (hosts > 1) return HOST_REPEATED;
  if (hosts === 0) {
    if (requireHost && req.httpVersionMinor === 1) return HOST_MISSING;
  } else if (req.headers.host === '') return HOST_EMPTY;
  const te = req.headers['transfer-encoding'];
  if (te === undefined) return null;
  // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means faulty framing.
  if (req.httpVersionMinor === 0) return TE_ON_HTTP10;
  if (te.length === 7 && te.toLowerCase() === 'chunked') return null;
  // Chunked not final (`xchunked`, `gzip`, an empty value) is a 400 (RFC 9112 §6.3); llhttp refuses
  // most of these too, but only after the request was handed over. A coding before a final chunked
  // (`gzip, chunked`) would be lost when the proxy re-chunks the body: 501, as RFC 9112 §6.1 says and
  // as Envoy answers any Transfer-Encoding other than `chunked`.
  return FINAL_CHUNKED.test(te) ? TE_NOT_IMPLEMENTED : TE_NOT_CHUNKED;
}
