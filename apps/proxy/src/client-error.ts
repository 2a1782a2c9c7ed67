// Malformed requests (node's `clientError`: whatever llhttp refuses, a head over the size limit, a head
// timeout) answered like the proxy's other local replies — status, flag DPE, a framed body, then the
// connection closed — instead of node's bare `400 Bad Request` or a silent destroy.
import type { ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import { rawReply } from './raw-reply.js';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/** Connections already being closed for a client error (llhttp reports every later read again). */
const closing = new WeakSet<Duplex>();

export function answerClientError(err: Error & { code?: string }, socket: Duplex, logger: Logger): void {
  if (closing.has(socket)) return;
  closing.add(socket);
  logger.debug({ code: err.code, reason: (err as { reason?: string }).reason }, 'malformed request');
  if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
  // The response node is writing on this connection, if any (`_httpMessage`: node's own check for this).
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (inFlight?.req.complete) {
    // The error is in a request pipelined behind a complete one: answer that one, then close, rather
    // than write a 400 the client would read as its answer.
    if (!inFlight.headersSent) inFlight.shouldKeepAlive = false;
    else inFlight.once('finish', () => socket.destroy());
    return;
  }
  // A response under way to the request whose body broke off: it cannot be answered any more.
  if (inFlight?.headersSent) return void socket.destroy();
  const status = STATUS_BY_CODE[err.code ?? ''] ?? 400;
  rawReply(socket, status, 'DPE', LOCAL_REPLY_TEXT.DPE);
  // node:http sockets are half-open: without this, a client that never closes would keep this one.
  socket.once('finish', () => socket.destroy());
}
