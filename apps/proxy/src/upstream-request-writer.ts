// Writes one request onto an upstream connection, for primary attempts and mirror copies alike: the
// serialized head goes out with the first body bytes (or at the end, for an empty body), each body piece
// chunk-framed when the client's body was chunked, and the last chunk at the end; a piece and its framing
// leave corked, as one segment. Policy stays with the callers: `write` returns what the socket said, the
// primary waits for a drain on false, a copy checks its backlog instead.
import type { Socket } from 'node:net';

const LAST_CHUNK = '0\r\n\r\n';
const CRLF = '\r\n';

export class UpstreamRequestWriter {
  private head: string | null;
  private ended = false;

  /** `head`: serialized, ending in CRLFCRLF. `chunked`: the head says `transfer-encoding: chunked`. */
  constructor(
    private readonly socket: Socket,
    head: string,
    private readonly chunked: boolean,
  ) {
    this.head = head;
  }

  /** Writes a body piece (after the head, when not sent yet); false when the socket's buffer is full. */
  write(chunk: Buffer): boolean {
    const socket = this.socket;
    if (this.ended) return true;
    if (chunk.length === 0) {
      // Chunk-framed, an empty piece would be the last chunk and end the body early.
      if (this.head !== null) return this.flushHead();
      return socket.writableLength < socket.writableHighWaterMark;
    }
    if (!this.chunked && this.head === null) return socket.write(chunk);
    socket.cork();
    this.flushHead();
    let ok: boolean;
    if (this.chunked) {
      socket.write(`${chunk.length.toString(16)}\r\n`, 'latin1');
      socket.write(chunk);
      ok = socket.write(CRLF, 'latin1');
    } else {
      ok = socket.write(chunk);
    }
    socket.uncork();
    return ok;
  }

  /** The body is complete: the head if still unsent, then the last chunk when chunk-framed. Once only. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.chunked) {
      this.flushHead();
      return;
    }
    this.socket.cork();
    this.flushHead();
    this.socket.write(LAST_CHUNK, 'latin1');
    this.socket.uncork();
  }

  private flushHead(): boolean {
    const head = this.head;
    if (head === null) return true;
    this.head = null;
    return this.socket.write(head, 'latin1');
  }
}
