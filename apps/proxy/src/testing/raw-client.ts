// A raw client for proxy tests: writes exact request bytes to a listener, reads every byte the proxy sends
// until it closes the connection, and splits them into responses strictly, so that a byte the framing does
// not account for (a forged second response, a short body) shows.
import { connect } from 'node:net';

/**
 * Writes `bytes` to `address` and resolves with everything read until the connection closes. `onRead` sees
 * what was read so far after each read (to act once part of an answer has arrived).
 */
export function rawExchange(
  address: string,
  bytes: string,
  onRead?: (soFar: Buffer) => void,
): Promise<Buffer> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect(Number(port), host as string);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      onRead?.(Buffer.concat(chunks));
    });
    // A proxy breaking the connection off may reset it: what was read is the answer either way.
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.write(bytes, 'latin1');
  });
}

export interface WireResponse {
  status: number;
  /** Lower-case names; every value of a repeated field, in order. */
  headers: Record<string, string[]>;
  body: Buffer;
  /** How the body was delimited on the wire. */
  framing: 'length' | 'chunked' | 'none' | 'until-close';
  /** The body ended as its framing says (false: the connection closed first). */
  complete: boolean;
}

/**
 * Splits what a client read into responses (the i-th answers a HEAD request when `head[i]`); `rest` is
 * what follows the last complete one. Only CRLF framing is accepted: this reads what node:http wrote.
 */
export function splitResponses(
  wire: Buffer,
  head: readonly boolean[] = [],
): { responses: WireResponse[]; rest: Buffer } {
  const responses: WireResponse[] = [];
  let at = 0;
  for (;;) {
    const end = wire.indexOf('\r\n\r\n', at);
    if (end < 0) return { responses, rest: wire.subarray(at) };
    const [statusLine = '', ...lines] = wire.toString('latin1', at, end).split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
    if (Number.isNaN(status)) return { responses, rest: wire.subarray(at) };
    const headers: Record<string, string[]> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const values = headers[name] ?? [];
      values.push(line.slice(colon + 1).trim());
      headers[name] = values;
    }
    at = end + 4;
    const bodiless = head[responses.length] === true || status === 204 || status === 304 || status < 200;
    if (bodiless) {
      responses.push({ status, headers, body: Buffer.alloc(0), framing: 'none', complete: true });
      continue;
    }
    if (headers['transfer-encoding']?.join(',').toLowerCase() === 'chunked') {
      const parts: Buffer[] = [];
      let complete = false;
      for (;;) {
        const eol = wire.indexOf('\r\n', at);
        if (eol < 0) break;
        const size = Number.parseInt(wire.toString('latin1', at, eol), 16);
        if (size === 0) {
          const trailersEnd = wire.indexOf('\r\n\r\n', eol);
          if (trailersEnd >= 0) at = trailersEnd + 4;
          complete = trailersEnd >= 0;
          break;
        }
        if (wire.length < eol + 2 + size + 2) break;
        parts.push(wire.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      responses.push({ status, headers, body: Buffer.concat(parts), framing: 'chunked', complete });
      if (!complete) return { responses, rest: Buffer.alloc(0) };
      continue;
    }
    const length = headers['content-length'];
    if (length === undefined) {
      responses.push({ status, headers, body: wire.subarray(at), framing: 'until-close', complete: true });
      return { responses, rest: Buffer.alloc(0) };
    }
    const n = Number(length[0]);
    const body = wire.subarray(at, at + n);
    responses.push({ status, headers, body, framing: 'length', complete: body.length === n });
    at += body.length;
  }
}
