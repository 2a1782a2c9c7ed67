// Hostile request framing for the request-smuggling tests (issue #12): each case's bytes, built for any
// listener, and what the proxy does with it. Where node's llhttp refuses a case, and where the proxy's
// own check (request-framing.ts) does, is in the README; the reasons for what is accepted are below.
/** One hostile request: `target` is the listener's request-target for `path`, `host` its Host. */
export interface Parts {
  target: string;
  path: string;
  host: string;
  /** The plain request that follows, to append. */
  smuggled: string;
}

export type Outcome =
  | { refused: 400 | 431 | 501 | 505 }
  /**
   * Refused, the error being in the body: the head may be on its way upstream already (the body
   * streams, as through Envoy); it is then reset there, never completed.
   */
  | { refused: 400; inBody: true }
  /** Accepted (the reason is commented at the case): both requests are answered 200 and forwarded. */
  | { accepted: 'both' }
  /** Accepted, and what follows the head is its body: one request, answered 200 and forwarded. */
  | { accepted: 'one' };

const post = (p: Parts, fields: string, body = '') =>
  `POST ${p.target} HTTP/1.1\r\nHost: ${p.host}\r\n${fields}\r\n${body}${p.smuggled}`;
const get = (p: Parts, fields = '') =>
  `GET ${p.target} HTTP/1.1\r\nHost: ${p.host}\r\n${fields}\r\n${p.smuggled}`;

/** `n` fields that mean nothing, one per line. */
const filler = (n: number) => Array.from({ length: n }, (_, i) => `X-Filler-${i}: v\r\n`).join('');

export const HOSTILE_REQUESTS: [string, (p: Parts) => string, Outcome][] = [
  // node keeps 1,000 fields by default but frames by all: what follows the 1,000th was invisible to the
  // proxy's checks (it forwarded the chunked body unframed). Envoy refuses more than 100 fields with 431.
  [
    'Transfer-Encoding after 1,000 other fields',
    // The smuggled request is the chunked body.
    (p) =>
      `POST ${p.target} HTTP/1.1\r\nHost: ${p.host}\r\n${filler(999)}Transfer-Encoding: chunked\r\n\r\n` +
      `${p.smuggled.length.toString(16)}\r\n${p.smuggled}\r\n0\r\n\r\n`,
    { refused: 431 },
  ],
  [
    'a second Host after 1,000 other fields',
    (p) => get(p, `${filler(999)}Host: ${p.host}\r\n`),
    { refused: 431 },
  ],
  ['101 header fields', (p) => get(p, filler(100)), { refused: 431 }],
  // Host and 99 more: Envoy's limit, accepted.
  ['100 header fields', (p) => get(p, filler(99)), { accepted: 'both' }],
  [
    'Content-Length then Transfer-Encoding (CL.TE)',
    (p) => post(p, 'Content-Length: 4\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding then Content-Length (TE.CL)',
    (p) => post(p, 'Transfer-Encoding: chunked\r\nContent-Length: 4\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding: chunked, identity (chunked not final)',
    (p) => post(p, 'Transfer-Encoding: chunked, identity\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  // RFC 9112 §6.1: a coding the proxy does not implement before the final chunked is answered 501 (as Envoy).
  [
    'Transfer-Encoding: identity, chunked',
    (p) => post(p, 'Transfer-Encoding: identity, chunked\r\n', '0\r\n\r\n'),
    { refused: 501 },
  ],
  [
    'Transfer-Encoding: gzip, chunked',
    (p) => post(p, 'Transfer-Encoding: gzip, chunked\r\n', '0\r\n\r\n'),
    { refused: 501 },
  ],
  [
    'Transfer-Encoding: identity and chunked on two lines',
    (p) => post(p, 'Transfer-Encoding: identity\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    { refused: 501 },
  ],
  [
    'Transfer-Encoding: ,chunked (an empty list element)',
    (p) => post(p, 'Transfer-Encoding: ,chunked\r\n', '0\r\n\r\n'),
    { refused: 501 },
  ],
  [
    'Transfer-Encoding: chunked twice, on two lines',
    (p) => post(p, 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  // Present but naming no coding: chunked is not the final coding (RFC 9112 §6.3 item 4).
  ['Transfer-Encoding: (empty)', (p) => post(p, 'Transfer-Encoding: \r\n'), { refused: 400 }],
  [
    'Transfer-Encoding: xchunked',
    (p) => post(p, 'Transfer-Encoding: xchunked\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding: gzip (not chunked)',
    (p) => post(p, 'Transfer-Encoding: gzip\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding : chunked (space before the colon)',
    (p) => post(p, 'Transfer-Encoding : chunked\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding folded (obs-fold) onto chunked',
    (p) => post(p, 'Transfer-Encoding: identity\r\n chunked\r\n', '0\r\n\r\n'),
    { refused: 400 },
  ],
  [
    'Transfer-Encoding: chunked on HTTP/1.0',
    (p) =>
      `POST ${p.target} HTTP/1.0\r\nHost: ${p.host}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${p.smuggled}`,
    { refused: 400 },
  ],
  [
    'Content-Length: 5 and Content-Length: 6',
    (p) => post(p, 'Content-Length: 5\r\nContent-Length: 6\r\n', 'hello!'),
    { refused: 400 },
  ],
  // RFC 9110 §8.6 allows identical repeats; llhttp refuses them, which is stricter and fine.
  [
    'Content-Length: 5 twice',
    (p) => post(p, 'Content-Length: 5\r\nContent-Length: 5\r\n', 'hello'),
    { refused: 400 },
  ],
  ['Content-Length: 5, 6', (p) => post(p, 'Content-Length: 5, 6\r\n', 'hello!'), { refused: 400 }],
  ['Content-Length: +5', (p) => post(p, 'Content-Length: +5\r\n', 'hello'), { refused: 400 }],
  ['Content-Length: 0x5', (p) => post(p, 'Content-Length: 0x5\r\n', 'hello'), { refused: 400 }],
  ['Content-Length: -1', (p) => post(p, 'Content-Length: -1\r\n'), { refused: 400 }],
  ['Content-Length past 2^64', (p) => post(p, 'Content-Length: 99999999999999999999\r\n'), { refused: 400 }],
  ['an obs-fold continuation line (X: a CRLF SP b)', (p) => get(p, 'X: a\r\n b\r\n'), { refused: 400 }],
  [
    'bare LF line endings',
    (p) => `GET ${p.target} HTTP/1.1\nHost: ${p.host}\n\n${p.smuggled}`,
    { refused: 400 },
  ],
  ['a bare LF ending one field line', (p) => get(p, 'X: a\nContent-Length: 0\r\n'), { refused: 400 }],
  ['a bare CR inside a field line', (p) => get(p, 'X: a\rContent-Length: 0\r\n'), { refused: 400 }],
  [
    'a chunk size past 2^64 (ffffffffffffffffff)',
    (p) => post(p, 'Transfer-Encoding: chunked\r\n', 'ffffffffffffffffff\r\nx\r\n0\r\n\r\n'),
    { refused: 400, inBody: true },
  ],
  [
    'a control character in a chunk extension',
    (p) => post(p, 'Transfer-Encoding: chunked\r\n', '5;\x01\r\nhello\r\n0\r\n\r\n'),
    { refused: 400, inBody: true },
  ],
  [
    'a chunk size line ending in bare LF',
    (p) => post(p, 'Transfer-Encoding: chunked\r\n', '5\nhello\r\n0\r\n\r\n'),
    { refused: 400, inBody: true },
  ],
  [
    'chunk data not followed by CRLF',
    (p) => post(p, 'Transfer-Encoding: chunked\r\n', '5\r\nhelloXX0\r\n\r\n'),
    { refused: 400, inBody: true },
  ],
  ['NUL in a header value', (p) => get(p, 'X: a\x00b\r\n'), { refused: 400 }],
  ['a header name with a space', (p) => get(p, 'X Y: a\r\n'), { refused: 400 }],
  ['a second Host header', (p) => get(p, 'Host: evil.example\r\n'), { refused: 400 }],
  // node's requireHostHeader answers it 400 too, but then hands the request behind it to the handler.
  ['no Host header (HTTP/1.1)', (p) => `GET ${p.target} HTTP/1.1\r\n\r\n${p.smuggled}`, { refused: 400 }],
  // An http URI never has an empty host (RFC 9110 §4.2.1); RFC 9112 §3.2 makes an invalid Host a 400.
  ['an empty Host header', (p) => `GET ${p.target} HTTP/1.1\r\nHost:\r\n\r\n${p.smuggled}`, { refused: 400 }],
  [
    'an HTTP/2.0 request line',
    (p) => `GET ${p.target} HTTP/2.0\r\nHost: ${p.host}\r\n\r\n${p.smuggled}`,
    { refused: 505 },
  ],
  ['an HTTP/0.9 request line', (p) => `GET ${p.target}\r\n\r\n${p.smuggled}`, { refused: 505 }],
  ['a head over 16 KiB', (p) => get(p, `X-Big: ${'a'.repeat(17 * 1024)}\r\n`), { refused: 431 }],
  // Accepted: coding names are case-insensitive (RFC 9112 §7), OWS may be a tab; the body is re-chunked.
  [
    'Transfer-Encoding: CHUNKED',
    (p) => post(p, 'Transfer-Encoding: CHUNKED\r\n', '0\r\n\r\n'),
    { accepted: 'both' },
  ],
  [
    'Transfer-Encoding:<tab>chunked',
    (p) => post(p, 'Transfer-Encoding:\tchunked\r\n', '0\r\n\r\n'),
    { accepted: 'both' },
  ],
  // Accepted: RFC 9112 §3 lets a recipient split the request line on whitespace; node does, and the
  // proxy writes its own request line, so upstreams get a single-space one.
  [
    'a request line with two spaces',
    (p) => `GET  ${p.target} HTTP/1.1\r\nHost: ${p.host}\r\n\r\n${p.smuggled}`,
    { accepted: 'both' },
  ],
  // Accepted: RFC 9112 §3.2.2, the absolute-form target's authority wins and replaces Host — the proxy
  // routes by it and forwards it (checked below), on every listener.
  [
    'absolute-form with a different Host',
    (p) => `GET http://${p.host}${p.path} HTTP/1.1\r\nHost: evil.example:8000\r\n\r\n${p.smuggled}`,
    { accepted: 'both' },
  ],
  // Accepted: a body that looks like a request is a body, never a second request.
  [
    'a body that is a request',
    (p) => post(p, `Content-Length: ${p.smuggled.length}\r\nConnection: close\r\n`),
    { accepted: 'one' },
  ],
];
