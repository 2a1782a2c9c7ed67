// Response splitting (issue #17 item 1): whatever framing headers an upstream sends, the client gets one
// response whose head promises exactly the body it carries. Raw upstream bytes in, a real proxy, and a raw
// client socket reading every byte the proxy wrote.
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_REPLY_TEXT } from './local-reply.js';
import type { MirrorMesh } from './testing/mirror-mesh.js';
import { startMirrorMesh } from './testing/mirror-mesh.js';
import { rawExchange, splitResponses } from './testing/raw-client.js';
import type { RawServer } from './testing/raw-server.js';
import { startRawServer } from './testing/raw-server.js';

let bed: MirrorMesh | null = null;
let raw: RawServer | null = null;
afterEach(async () => {
  await bed?.close();
  await raw?.close();
  bed = null;
  raw = null;
});

/**
 * A proxy whose httpbin upstream answers each path with the given bytes (no mirror), closing the
 * connection after them for the paths in `close` (a body that runs until close must end).
 */
async function upstream(answers: Record<string, string>, close: string[] = []): Promise<MirrorMesh> {
  raw = await startRawServer((req, socket) => {
    const answer = answers[req.path] ?? 'HTTP/1.1 404 X\r\nContent-Length: 0\r\n\r\n';
    if (close.includes(req.path)) socket.end(answer, 'latin1');
    else socket.write(answer, 'latin1');
  });
  bed = await startMirrorMesh({ v1Address: raw.address, percentage: 0 });
  return bed;
}

const get = (path: string, method = 'GET', connection = 'close') =>
  `${method} http://httpbin:8000${path} HTTP/1.1\r\nhost: httpbin:8000\r\nconnection: ${connection}\r\n\r\n`;

/** A complete response hidden in a body: read with the wrong length, it is a second answer to the client. */
const FORGED = 'HTTP/1.1 200 OK\r\nContent-Length: 6\r\nX-Forged: yes\r\n\r\nforged';

describe('response framing towards the client', () => {
  it.each([
    [
      'content-length: 1 beside transfer-encoding: chunked, the chunk forging a second response',
      `HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n${(1 + FORGED.length).toString(16)}\r\nx${FORGED}\r\n0\r\n\r\n`,
    ],
    [
      'transfer-encoding: chunked first, then content-length',
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n${(1 + FORGED.length).toString(16)}\r\nx${FORGED}\r\n0\r\n\r\n`,
    ],
    [
      'a transfer-coding other than chunked last (body until close) with a content-length',
      `HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 1\r\n\r\nx${FORGED}`,
    ],
  ])('refuses %s: one 502 UPE, nothing more', async (_name, answer) => {
    // Closed after the answer, so that a proxy reading the body until close (as before the fix) ends too.
    const mesh = await upstream({ '/split': answer }, ['/split']);
    const wire = await rawExchange(mesh.outbound, get('/split'));
    const { responses, rest } = splitResponses(wire);
    expect(wire.toString('latin1')).not.toContain('forged');
    expect(responses).toHaveLength(1);
    expect(rest.length).toBe(0);
    const [res] = responses;
    expect(res?.status).toBe(502);
    expect(res?.headers['x-shadowmesh-response-flags']).toEqual(['UPE']);
    expect(res?.body.toString()).toBe(`${LOCAL_REPLY_TEXT.UPE}\n`);
    expect(res?.complete).toBe(true);
  });

  it('never forwards a content-length beside a body framed otherwise (chunked, until close)', async () => {
    const mesh = await upstream(
      {
        '/chunked':
          'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;e=1\r\nhello\r\n0\r\nT: 1\r\n\r\n',
        '/eof': 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nhello',
      },
      ['/eof'],
    );
    for (const path of ['/chunked', '/eof']) {
      const { responses, rest } = splitResponses(await rawExchange(mesh.outbound, get(path)));
      expect(
        responses.map((r) => [
          r.status,
          r.framing,
          r.complete,
          r.headers['content-length'],
          r.body.toString(),
        ]),
      ).toEqual([[200, 'chunked', true, undefined, 'hello']]);
      expect(rest.length).toBe(0);
    }
  });

  it('drops the content-length of a 204, keeps the declared one of HEAD and 304, on one connection', async () => {
    const mesh = await upstream({
      '/none': 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nX-A: 1\r\n\r\n',
      '/head': 'HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n',
      '/same': 'HTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n',
      '/after': 'HTTP/1.1 200 OK\r\nContent-Length: 005\r\n\r\nafter',
    });
    const wire = await rawExchange(
      mesh.outbound,
      get('/none', 'GET', 'keep-alive') +
        get('/head', 'HEAD', 'keep-alive') +
        get('/same', 'GET', 'keep-alive') +
        get('/after'),
    );
    const { responses, rest } = splitResponses(wire, [false, true, false, false]);
    expect(
      responses.map((r) => [r.status, r.headers['content-length']?.join(','), r.body.toString(), r.complete]),
    ).toEqual([
      [204, undefined, '', true],
      [200, '1234', '', true],
      [304, '7', '', true],
      [200, '5', 'after', true],
    ]);
    expect(rest.length).toBe(0);
  });
});
