// Reads an HTTP/1.1 response from an upstream connection, incrementally (bytes may arrive split anywhere):
// the final status and headers (1xx interim answers are skipped), the body framing (content-length, chunked,
// or until close; none for 204/304 and HEAD), whether the connection may be reused, and the server's
// keep-alive timeout hint. With a sink, the head and the body chunks (payload only, zero-copy slices) are
// handed over; without one (mirror copies) the body is counted and dropped.

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
   * connection unusable (the server sent something nobody asked for). Throws on a malformed response.
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
      if (end >= 0 || chunk.length - at > MAX_HEAD_BYTES) throw new Error('response head too large');
      this.head = Buffer.from(chunk.subarray(at));
      return chunk.length;
    }
    // Rare: a head split across reads. Search again from just before the join.
    const joined = Buffer.concat([prev, chunk.subarray(at)]);
    const end = joined.indexOf(CRLFCRLF, Math.max(0, prev.length - 3));
    if (end < 0 || end > MAX_HEAD_BYTES) {
      if (end >= 0 || joined.length > MAX_HEAD_BYTES) throw new Error('response head too large');
      this.head = joined;
      return chunk.length;
    }
    this.head = null;
    this.onHead(joined.toString('latin1', 0, end));
    return at + end + 4 - prev.length;
  }

  private onHead(text: string): void {
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
      throw new Error(`malformed status line: ${JSON.stringify(text.slice(0, Math.min(statusEnd, 64)))}`);
    const status =
      (text.charCodeAt(9) - 48) * 100 + (text.charCodeAt(10) - 48) * 10 + text.charCodeAt(11) - 48;
    if (status < 100) throw new Error(`malformed status ${status}`);
    const framing: Framing = { keepAlive: minor === 49, length: null, coding: null };
    const headers: string[] | null = this.sink === null ? null : [];
    let at = eol < 0 ? text.length : eol + 2;
    while (at < text.length) {
      let end = text.indexOf('\r\n', at);
      if (end < 0) end = text.length;
      const colon = text.indexOf(':', at);
      if (colon <= at || colon > end) throw new Error('malformed header line');
      // Only these names' lengths can be framing headers: other lines are sliced only for a sink.
      const n = colon - at;
      const maybeFraming = n === 14 || n === 17 || n === 10;
      if (headers !== null || maybeFraming) {
        const name = text.slice(at, colon);
        const value = text.slice(colon + 1, end).trim();
        headers?.push(name, value);
        if (maybeFraming) this.framingHeader(name.toLowerCase(), value, framing);
      }
      at = end + 2;
    }
    if (status < 200 && status !== 101) return; // interim: the final head follows
    this.status = status;
    if (!framing.keepAlive || status === 101) this.reusable = false;
    if (this.headRequest || status === 204 || status === 304 || status === 101) {
      this.phase = 'done';
    } else if (framing.coding !== null) {
      // RFC 9112 §6.3: chunked as the final coding frames the body; anything else runs until close.
      const codings = framing.coding.toLowerCase().split(',');
      if (framing.length !== null) this.reusable = false;
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
      if (!/^\d{1,15}$/.test(value)) throw new Error('malformed content-length');
      const n = Number(value);
      if (framing.length !== null && framing.length !== n) throw new Error('conflicting content-length');
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

  /** Chunk-size lines, the CRLF after chunk data, and trailer lines. */
  private readLine(chunk: Buffer, at: number): number {
    const lf = chunk.indexOf(10, at);
    const end = lf < 0 ? chunk.length : lf;
    this.line += chunk.toString('latin1', at, end);
    if (this.line.length > MAX_CHUNK_LINE) throw new Error('chunk line too long');
    if (lf < 0) return chunk.length;
    let line = this.line;
    this.line = '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (this.phase === 'chunk-crlf') {
      if (line !== '') throw new Error('malformed chunk terminator');
      this.phase = 'chunk-size';
    } else if (this.phase === 'chunk-size') {
      const semi = line.indexOf(';');
      const hex = (semi < 0 ? line : line.slice(0, semi)).trim();
      if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new Error('malformed chunk size');
      const size = Number.parseInt(hex, 16);
      if (size === 0) {
        this.phase = 'trailers';
      } else {
        this.remaining = size;
        this.phase = 'chunk-data';
      }
    } else if (line === '') {
      this.phase = 'done';
    }
    return lf + 1;
  }
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
