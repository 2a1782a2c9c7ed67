// One HTTP exchange over a raw loopback socket: the request bytes exactly as given (no client
// normalises the target), everything the server sent until it closed or a response head arrived.
import { connect } from 'node:net';

/** Sends `text` to 127.0.0.1:`port`; resolves with what came back (the head at least). */
export function rawExchange(port: number, text: string, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(text, 'latin1'));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(text.split('\r\n')[0])}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      // A 101 keeps the socket open: the head is the answer.
      if (received.startsWith('HTTP/1.1 101') && received.includes('\r\n\r\n')) done();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', done);
  });
}

/** The status code of a raw response (0 when nothing parseable came back). */
export function statusOf(response: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(response);
  return match ? Number(match[1]) : 0;
}
