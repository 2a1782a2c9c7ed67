// ResponseReader: framing of HTTP/1.1 responses, fed whole and split at every byte.
import { describe, expect, it } from 'vitest';
import type { ResponseSink } from './response-reader.js';
import { MAX_HEAD_BYTES, ResponseReader } from './response-reader.js';
import { UpstreamProtocolError } from './upstream-errors.js';

interface Seen {
  heads: { status: number; reason: string; headers: string[] }[];
  body: Buffer[];
}

function sink(): ResponseSink & { seen: Seen } {
  const seen: Seen = { heads: [], body: [] };
  return {
    seen,
    onHead: (status, reason, headers) => seen.heads.push({ status, reason, headers }),
    onBody: (chunk) => seen.body.push(Buffer.from(chunk)),
  };
}

/** Feeds `wire` in pieces of `step` bytes; returns the piece index at which the reader said "done" (or -1). */
function feed(reader: ResponseReader, wire: Buffer, step: number): number {
  for (let at = 0, i = 0; at < wire.length; at += step, i++) {
    if (reader.feed(wire.subarray(at, at + step))) return i;
  }
  return -1;
}

const CASES: { name: string; wire: string; body: string; reusable: boolean; status: number }[] = [
  {
    name: 'content-length body',
    wire: 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello',
    body: 'hello',
    reusable: true,
    status: 200,
  },
  {
    name: 'chunked body with extensions and trailers',
    wire: 'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n',
    body: 'abc0123456789',
    reusable: true,
    status: 201,
  },
  {
    name: 'interim 100 and 103 answers before the final one',
    wire: 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    body: 'ok',
    reusable: true,
    status: 200,
  },
  {
    name: '204 without a body whatever its headers say',
    wire: 'HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n',
    body: '',
    reusable: true,
    status: 204,
  },
  {
    name: '304 without a body',
    wire: 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n',
    body: '',
    reusable: true,
    status: 304,
  },
  {
    name: 'connection: close',
    wire: 'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbad',
    body: 'bad',
    reusable: false,
    status: 500,
  },
  {
    name: 'HTTP/1.0 without keep-alive',
    wire: 'HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx',
    body: 'x',
    reusable: false,
    status: 200,
  },
  {
    name: 'HTTP/1.0 with keep-alive',
    wire: 'HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx',
    body: 'x',
    reusable: true,
    status: 200,
  },
  {
    name: 'empty content-length body',
    wire: 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
    body: '',
    reusable: true,
    status: 200,
  },
];

describe('ResponseReader', () => {
  for (const c of CASES) {
    it(`reads ${c.name}, whole and split at every byte`, () => {
      const wire = Buffer.from(c.wire, 'latin1');
      for (const step of [wire.length, 1, 2, 3, 7]) {
        const s = sink();
        const reader = new ResponseReader(false, s);
        const pieces = Math.ceil(wire.length / step);
        expect(feed(reader, wire, step), `step ${step}`).toBe(pieces - 1);
        expect(reader.status).toBe(c.status);
        expect(reader.reusable).toBe(c.reusable);
        expect(Buffer.concat(s.seen.body).toString('latin1')).toBe(c.body);
        expect(reader.bodyBytes).toBe(c.body.length);
        expect(s.seen.heads.map((h) => h.status)).toEqual([c.status]);
      }
    });
  }

  it('hands over the final head as sent: reason phrase, names in their case, repeated fields', () => {
    const s = sink();
    const reader = new ResponseReader(false, s);
    reader.feed(
      Buffer.from(
        'HTTP/1.1 404 Not Here\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-Y:  v \r\nContent-Length: 0\r\n\r\n',
      ),
    );
    expect(s.seen.heads).toEqual([
      {
        status: 404,
        reason: 'Not Here',
        headers: ['Set-Cookie', 'a=1', 'set-cookie', 'b=2', 'X-Y', 'v', 'Content-Length', '0'],
      },
    ]);
  });

  it('has no body for a HEAD request, whatever content-length says', () => {
    const reader = new ResponseReader(true);
    expect(reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'))).toBe(true);
    expect(reader.reusable).toBe(true);
    expect(reader.bodyBytes).toBe(0);
  });

  it('reads a body without framing until the connection closes, and never reuses it', () => {
    const reader = new ResponseReader(false);
    expect(reader.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\nsome'))).toBe(false);
    expect(reader.untilClose).toBe(true);
    expect(reader.feed(Buffer.from(' more'))).toBe(false);
    expect(reader.bodyBytes).toBe(9);
    expect(reader.reusable).toBe(false);
  });

  it('treats a transfer-coding other than chunked last as running until close', () => {
    const reader = new ResponseReader(false);
    reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nxyz'));
    expect(reader.untilClose).toBe(true);
    expect(reader.reusable).toBe(false);
  });

  it('refuses both transfer-encoding and content-length, whatever the status (RFC 9112 §6.3, as llhttp)', () => {
    for (const [head, status] of [
      [false, 'HTTP/1.1 200 OK'],
      [true, 'HTTP/1.1 200 OK'],
      [false, 'HTTP/1.1 304 Not Modified'],
    ] as const) {
      const reader = new ResponseReader(head);
      const wire = `${status}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n`;
      expect(() => reader.feed(Buffer.from(wire))).toThrow(UpstreamProtocolError);
      expect(reader.headRead).toBe(false);
    }
  });

  it('gives the content-length a forwarded head may carry: the framing one, or declared for HEAD/304', () => {
    const length = (headRequest: boolean, wire: string) => {
      const reader = new ResponseReader(headRequest);
      reader.feed(Buffer.from(wire));
      return reader.contentLength;
    };
    expect(length(false, 'HTTP/1.1 200 OK\r\nContent-Length: 005\r\n\r\n')).toBe(5);
    expect(length(true, 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n')).toBe(1234);
    expect(length(false, 'HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n')).toBe(9);
    expect(length(false, 'HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n')).toBeNull();
    expect(length(false, 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n')).toBeNull();
    expect(length(false, 'HTTP/1.1 200 OK\r\n\r\n')).toBeNull();
  });

  it("reads the server's keep-alive timeout hint", () => {
    const reader = new ResponseReader(false);
    reader.feed(
      Buffer.from('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n'),
    );
    expect(reader.keepAliveMs).toBe(5000);
  });

  it('marks the connection unusable when bytes follow a complete response', () => {
    const reader = new ResponseReader(false);
    expect(reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxHTTP/1.1 200 OK\r\n'))).toBe(
      true,
    );
    expect(reader.reusable).toBe(false);
  });

  it('stops at abandon(): nothing more is read', () => {
    const s = sink();
    const reader = new ResponseReader(false, s);
    reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345'));
    reader.abandon();
    expect(reader.feed(Buffer.from('67890'))).toBe(false);
    expect(Buffer.concat(s.seen.body).toString()).toBe('12345');
    expect(reader.reusable).toBe(false);
  });

  it.each([
    ['a malformed status line', 'HTTP/2 200 OK\r\n\r\n'],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nnot a header\r\n\r\n'],
    ['a malformed content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n'],
    ['conflicting content-lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n'],
    ['a malformed chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['chunk data without its CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n'],
    ['an unsolicited 101', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nx'],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 1\r\n\r\nx'],
    ['a bare LF in a header value', 'HTTP/1.1 200 OK\r\nX: a\nContent-Length: 1\r\n\r\nx'],
    ['a control character in a value', 'HTTP/1.1 200 OK\r\nX: a\u0001\r\nContent-Length: 1\r\n\r\nx'],
    [
      'a space after the chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1 \r\nx\r\n0\r\n\r\n',
    ],
    [
      'a bare LF after the chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\nx\r\n0\r\n\r\n',
    ],
    ['a bare LF after chunk data', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\n0\r\n\r\n'],
    ['a malformed trailer', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n'],
    ['a chunk size past 2^52', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1FFFFFFFFFFFFF\r\n'],
  ])('throws an UpstreamProtocolError on %s', (_name, wire) => {
    expect(() => new ResponseReader(false).feed(Buffer.from(wire, 'latin1'))).toThrow(UpstreamProtocolError);
  });

  it('reads chunk sizes with leading zeros, extensions on the last chunk, and trailers', () => {
    const s = sink();
    const reader = new ResponseReader(false, s);
    const wire =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000002;a="x;y"\r\nok\r\n0;z\r\nT: 1\r\n\r\n';
    expect(reader.feed(Buffer.from(wire))).toBe(true);
    expect(Buffer.concat(s.seen.body).toString()).toBe('ok');
  });

  it('keeps obs-text in values and trims only SP and HTAB around them', () => {
    const s = sink();
    const reader = new ResponseReader(false, s);
    reader.feed(Buffer.from('HTTP/1.1 200 OK\r\nX: \t\u00e9\u00a0\t\r\nContent-Length: 0\r\n\r\n', 'latin1'));
    expect(s.seen.heads[0]?.headers).toEqual(['X', '\u00e9\u00a0', 'Content-Length', '0']);
  });

  it('throws on a head larger than the limit, whole or in pieces', () => {
    const big = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`;
    expect(() => new ResponseReader(false).feed(Buffer.from(big))).toThrow(/too large/);
    const reader = new ResponseReader(false);
    expect(() => feed(reader, Buffer.from(big), 1000)).toThrow(/too large/);
  });
});
