// Replies written straight onto a socket that left node:http (upgrade and CONNECT requests).
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { FLAGS_HEADER } from './forwarded-headers.js';

export function rawReply(socket: Duplex, status: number, flags: string, text: string): void {
  if (socket.destroyed) return;
  const body = `${text}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n` +
      'content-type: text/plain; charset=utf-8\r\n' +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      `${FLAGS_HEADER}: ${flags}\r\n` +
      'connection: close\r\n\r\n' +
      body,
  );
}

/** A response head from raw header pairs (as node:http gives them), minus the names in `drop`. */
export function rawHead(
  status: number,
  message: string | undefined,
  rawHeaders: string[],
  drop: Set<string>,
): string {
  let head = `HTTP/1.1 ${status} ${message || STATUS_CODES[status] || 'Unknown'}\r\n`;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (drop.has(name.toLowerCase())) continue;
    head += `${name}: ${rawHeaders[i + 1]}\r\n`;
  }
  return `${head}\r\n`;
}
