// Reads an HTTP/1.1 response from an upstream connection, incrementally (bytes may arrive split anywhere):
// the final status and headers (1xx interim answers are skipped), the body framing (content-length, chunked,
// or until close; none for 204/304 and HEAD), whether the connection may be reused, and the server's
// keep-alive timeout hint. With a sink, the head and the body chunks (payload only, zero-copy slices) are
// handed over; without one (mirror copies) the body is counted and dropped.
//
// As strict as node's llhttp where a lenient reading could frame a body differently from the next parser
// (CRLF only, no control characters, token field names, never both content-length and transfer-encoding);
// `response-reader-differential.test.ts` checks it against llhttp and lists where the two differ on purpose.
// A malformed answer throws UpstreamProtocolError (flag UPE).
import {
  checkControls,
  chunkSize,
  fieldColon,
  isDigits,
  protocolError,
  trimmedValue,
} from './http1-syntax.js';

/** Bytes of a response head (status line and headers) before it is rejected as malformed. */
export const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE = 4096;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** What the headers of one head say about its body and connection. */
interface Framing {
  keepAlive: boolean;
  length: number | null;
  coding: string | null;
}

export interface ResponseSink {
  /** The final head. `headers` is flat: name, value, name, value… as received (names in their case). */
  onHead(status: number, reason: string, headers: string[]): void;
  /** Body payload (de-chunked). Valid only during the call unless kept (the slice shares the read buffer). */
  onBody(chunk: Buffer): void;
}

type Phase =
  | 'head'
  | 'length'
  | 'chunk-size'
  | 'chunk-data'
  | 'chunk-crlf'
  | 'trailers'
  | 'until-close'
  | 'done'
  | 'abandoned';

export class ResponseReader {
  /** The final (non-1xx) status; 0 until its head is read. */
  status = 0;
  /** Body payload bytes (chunk payloads only for chunked bodies). */
  bodyBytes = 0;
  /** The connection may carry another request once this response is done. */
  reusable = true;
  /** The server's `Keep-Alive: timeout=N`, in ms (null when absent). */
  keepAliveMs: number | null = null;
  /**
   * The final head's content-length, validated: the length of the body when it frames it, the declared
   * size for HEAD and 304 (no body follows); null when absent and for a 204 (RFC 9110 §8.6: never sent).
   * Never set beside transfer-encoding (refused). The only content-length a forwarded head may carry.
   */
  contentLength: number | null = null;
  private phase: Phase = 'head';
  private head: Buffer | null = null;
  private remaining = 0;
  private line = '';

  /** `headRequest`: the request was HEAD (its response has no body whatever the headers say). */
  constructor(
    private readonly headRequest: boolean,
    private readonly sink: ResponseSink | null = null,
  ) {}

  get done(): boolean {
    return this.phase === 'done';
  }

  /** The final head has been read. */
  get headRead(): boolean {
    return this.status !== 0;
  }

  /** True while the body is delimited by the connection closing (its close completes the response). */
  get untilClose(): boolean {
    return this.phase === 'until-close';
  }

  /** Stops reading: the rest of this chunk and anything later is ignored (the connection is not reused). */
  abandon(): void {
    this.phase = 'abandoned';
    this.reusable = false;
  }

  /**
   * Consumes `chunk`; true once the response is complete. Bytes after a complete response make the
   * connection unusable (the server sent something nobody asked for). Throws UpstreamProtocolError on a
   * malformed response.
   */
  feed(chunk: Buffer): boolean {
    let at = 0;
    const length = chunk.length;
    while (at < length) {
      switch (this.phase) {
        case 'head':
          at = this.readHead(chunk, at);
          break;
        case 'length':
        case 'chunk-data': {
          const n = Math.min(this.remaining, length - at);
          this.remaining -= n;
          // The phase moves on first, so that a sink sees `done` on the last piece of a sized body.
          if (this.remaining === 0) this.phase = this.phase === 'length' ? 'done' : 'chunk-crlf';
          this.body(chunk, at, n);
          at += n;
          break;
        }
        case 'chunk-size':
        case 'chunk-crlf':
        case 'trailers':
          at = this.readLine(chunk, at);
          break;
        case 'until-close':
          this.body(chunk, at, length - at);
          return false;
        case 'done':
          this.reusable = false;
          return true;
        case 'abandoned':
          return false;
      }
    }
    return this.phase === 'done';
  }

  private body(chunk: Buffer, at: number, n: number): void {
    this.bodyBytes += n;
    if (this.sink !== null && n > 0)
      this.sink.onBody(at === 0 && n === chunk.length ? chunk : chunk.subarray(at, at + n));
  }

  private readHead(chunk: Buffer, at: number): number {
    const prev = this.head;
    if (prev === null) {
      const end = chunk.indexOf(CRLFCRLF, at);
      if (end >= 0 && end - at <= MAX_HEAD_BYTES) {
        this.onHead(chunk.toString('latin1', at, end));
        return end + 4;
      }
      if (end >= 0 || chunk.length - at > MAX_HEAD_BYTES) throw protocolError('response head too large');
      this.head = Buffer.from(chunk.subarray(at));
      return chunk.length;
    }
    // Rare: a head split across reads. Search again from just before the join.
    const joined = Buffer.concat([prev, chunk.subarray(at)]);
    const end = joined.indexOf(CRLFCRLF, Math.max(0, prev.length - 3));
    if (end < 0 || end > MAX_HEAD_BYTES) {
      if (end >= 0 || joined.length > MAX_HEAD_BYTES) throw protocolError('response head too large');
      this.head = joined;
      return chunk.length;
    }
    this.head = null;
    this.onHead(joined.toString('latin1', 0, end));
    return at + end + 4 - prev.length;
  }

  private onHead(text: string): void {
    checkControls(text);
    // Status line: `HTTP/1.x SSS reason`.
    const eol = text.indexOf('\r\n');
    const statusEnd = eol < 0 ? text.length : eol;
    const minor = text.charCodeAt(7);
    if (
      !text.startsWith('HTTP/1.') ||
      (minor !== 48 && minor !== 49) ||
      text.charCodeAt(8) !== 32 ||
      !isDigits(text, 9, 12) ||
      (statusEnd > 12 && text.charCodeAt(12) !== 32)
    )
      throw protocolError(`malformed status line: ${JSON.stringify(text.slice(0, Math.min(statusEnd, 64)))}`);
    const status =
      (text.charCodeAt(9) - 48) * 100 + (text.charCodeAt(10) - 48) * 10 + text.charCodeAt(11) - 48;
    if (status < 100) throw protocolError(`malformed status ${status}`);
    // This client never asks for an upgrade (upgrades are tunnelled elsewhere): a switch nobody asked for
    // would leave the rest of the connection in an unknown protocol (RFC 9110 §15.2.2).
    if (status === 101) throw protocolError('101 Switching Protocols without an upgrade request');
    const framing: Framing = { keepAlive: minor === 49, length: null, coding: null };
    const headers: string[] | null = this.sink === null ? null : [];
    let at = eol < 0 ? text.length : eol + 2;
    while (at < text.length) {
      let end = text.indexOf('\r\n', at);
      if (end < 0) end = text.length;
      const colon = fieldColon(text, at, end);
      // Only these names' lengths can be framing headers: other lines are sliced only for a sink.
      const n = colon - at;
      const maybeFraming = n === 14 || n === 17 || n === 10;
      if (headers !== null || maybeFraming) {
        const name = text.slice(at, colon);
        const value = trimmedValue(text, colon + 1, end);
        headers?.push(name, value);
        if (maybeFraming) this.framingHeader(name.toLowerCase(), value, framing);
      }
      at = end + 2;
    }
    // RFC 9112 §6.3 lets a recipient drop the content-length and read the chunks, but the pair is the shape
    // of response splitting: refused, as llhttp and Envoy (without `allow_chunked_length`) refuse it.
    if (framing.coding !== null && framing.length !== null)
      throw protocolError('both content-length and transfer-encoding');
    if (status < 200) return; // interim: the final head follows
    this.status = status;
    this.contentLength = status === 204 ? null : framing.length;
    if (!framing.keepAlive) this.reusable = false;
    if (this.headRequest || status === 204 || status === 304) {
      this.phase = 'done';
    } else if (framing.coding !== null) {
      // RFC 9112 §6.3: chunked as the final coding frames the body; anything else runs until close.
      const codings = framing.coding.toLowerCase().split(',');
      if ((codings[codings.length - 1] as string).trim() === 'chunked') this.phase = 'chunk-size';
      else this.toUntilClose();
    } else if (framing.length !== null) {
      this.remaining = framing.length;
      this.phase = framing.length === 0 ? 'done' : 'length';
    } else {
      this.toUntilClose();
    }
    this.sink?.onHead(status, statusEnd > 13 ? text.slice(13, statusEnd) : '', headers as string[]);
  }

  private framingHeader(lower: string, value: string, framing: Framing): void {
    if (lower === 'content-length') {
      if (!/^\d{1,15}$/.test(value)) throw protocolError('malformed content-length');
      const n = Number(value);
      // Repeated with the same value is accepted (RFC 9110 §8.6); llhttp refuses any repetition.
      if (framing.length !== null && framing.length !== n) throw protocolError('conflicting content-length');
      framing.length = n;
    } else if (lower === 'transfer-encoding') {
      framing.coding = framing.coding === null ? value : `${framing.coding}, ${value}`;
    } else if (lower === 'connection') {
      const tokens = value.toLowerCase();
      if (/(^|,)\s*close\s*(,|$)/.test(tokens)) framing.keepAlive = false;
      else if (/(^|,)\s*keep-alive\s*(,|$)/.test(tokens)) framing.keepAlive = true;
    } else if (lower === 'keep-alive') {
      const t = /(?:^|[,;\s])timeout\s*=\s*(\d+)/i.exec(value);
      if (t) this.keepAliveMs = Number(t[1]) * 1000;
    }
  }

  private toUntilClose(): void {
    this.reusable = false;
    this.phase = 'until-close';
  }

  /** Chunk-size lines, the CRLF after chunk data, and trailer lines: each must end in CRLF. */
  private readLine(chunk: Buffer, at: number): number {
    const lf = chunk.indexOf(10, at);
    const end = lf < 0 ? chunk.length : lf;
    this.line += chunk.toString('latin1', at, end);
    if (this.line.length > MAX_CHUNK_LINE) throw protocolError('chunk line too long');
    if (lf < 0) return chunk.length;
    const raw = this.line;
    this.line = '';
    // A bare LF ends a line for some parsers and not for others: never accepted inside chunked framing.
    if (!raw.endsWith('\r')) throw protocolError('chunked framing line without CRLF');
    const line = raw.slice(0, -1);
    checkControls(line);
    if (this.phase === 'chunk-crlf') {
      if (line !== '') throw protocolError('malformed chunk terminator');
      this.phase = 'chunk-size';
    } else if (this.phase === 'chunk-size') {
      const size = chunkSize(line);
      if (size === 0) {
        this.phase = 'trailers';
      } else {
        this.remaining = size;
        this.phase = 'chunk-data';
      }
    } else if (line === '') {
      this.phase = 'done';
    } else {
      // A trailer field: read as a header line is (and dropped).
      fieldColon(line, 0, line.length);
    }
    return lf + 1;
  }
}
