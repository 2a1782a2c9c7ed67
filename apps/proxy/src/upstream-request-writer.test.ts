// UpstreamRequestWriter on a real loopback connection: exactly the bytes of one framed request.
import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { UpstreamRequestWriter } from './upstream-request-writer.js';

/** Runs `write` on a socket to a loopback server; resolves with every byte the server read. */
async function wireOf(write: (socket: Socket) => void): Promise<string> {
  const chunks: Buffer[] = [];
  const server = createServer();
  const received = new Promise<void>((resolve) => {
    server.once('connection', (peer: Socket) => {
      peer.on('data', (c: Buffer) => chunks.push(c));
      peer.on('end', () => resolve());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  write(socket);
  socket.end();
  await received;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return Buffer.concat(chunks).toString('latin1');
}

const HEAD = 'POST /p HTTP/1.1\r\nhost: h\r\ntransfer-encoding: chunked\r\n\r\n';

describe('UpstreamRequestWriter', () => {
  it('chunk-frames each piece after the head, skips empty pieces, and ends with the last chunk once', async () => {
    const wire = await wireOf((socket) => {
      const writer = new UpstreamRequestWriter(socket, HEAD, true);
      writer.write(Buffer.alloc(0));
      writer.write(Buffer.from('hello'));
      writer.write(Buffer.alloc(0));
      writer.write(Buffer.from('x'.repeat(26)));
      writer.end();
      writer.end();
      writer.write(Buffer.from('late'));
    });
    expect(wire).toBe(`${HEAD}5\r\nhello\r\n1a\r\n${'x'.repeat(26)}\r\n0\r\n\r\n`);
  });

  it('writes a sized body as is, and the head alone for an empty one', async () => {
    const sized = 'PUT /p HTTP/1.1\r\ncontent-length: 6\r\n\r\n';
    expect(
      await wireOf((socket) => {
        const writer = new UpstreamRequestWriter(socket, sized, false);
        writer.write(Buffer.from('abc'));
        writer.write(Buffer.from('def'));
        writer.end();
      }),
    ).toBe(`${sized}abcdef`);
    const empty = 'GET / HTTP/1.1\r\n\r\n';
    expect(await wireOf((socket) => new UpstreamRequestWriter(socket, empty, false).end())).toBe(empty);
    expect(await wireOf((socket) => new UpstreamRequestWriter(socket, HEAD, true).end())).toBe(
      `${HEAD}0\r\n\r\n`,
    );
  });
});
