// `shadowmesh tap` over a real WebSocket: a loopback server speaking the tap protocol stands in for the
// control plane, so drops, refusals and server errors can be made to happen (tap-mesh.test.ts runs it
// against a real control plane and mesh).
import type { AddressInfo } from 'node:net';
import type { FlowExchangeSummary, TapStreamMessage } from '@shadowmesh/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { captureIO } from '../client/testing/capture-io.js';
import { runCli } from '../client/testing/run-cli.js';
import { type TapArgs, tapCommand } from './tap.js';

interface TapPeer {
  url: string;
  /** Subscribe messages received, in order, with the Authorization header of their connection. */
  subscribes: Array<{ message: unknown; authorization: string | undefined }>;
  sockets: WebSocket[];
  /** Answers each upgrade with this status instead of accepting it (null: accept). */
  refuseWith: number | null;
  close(): Promise<void>;
}

const peers: TapPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function startPeer(port = 0): Promise<TapPeer> {
  let peer: TapPeer | undefined;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    path: '/api/v1/tap',
    verifyClient: (_info, done) => (peer?.refuseWith ? done(false, peer.refuseWith) : done(true)),
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  peer = {
    url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    subscribes: [],
    sockets: [],
    refuseWith: null,
    close: () =>
      new Promise((resolve) => {
        for (const s of wss.clients) s.terminate();
        wss.close(() => resolve());
      }),
  };
  const created = peer;
  wss.on('connection', (socket, req) => {
    created.sockets.push(socket);
    socket.on('message', (data) =>
      created.subscribes.push({
        message: JSON.parse(data.toString()),
        authorization: req.headers.authorization,
      }),
    );
  });
  peers.push(created);
  return created;
}

const send = (socket: WebSocket | undefined, message: TapStreamMessage) =>
  socket?.send(JSON.stringify(message));

const flow: FlowExchangeSummary = {
  id: 'req-1~00000001',
  requestId: 'req-1',
  startTime: 1_700_000_000_000,
  primary: {
    id: 'p/1',
    requestId: 'req-1',
    type: 'primary',
    reason: 'tap',
    startTime: 1_700_000_000_000,
    durationMs: 4,
    source: { workload: 'sleep', namespace: 'default' },
    destination: { service: 'httpbin.default.svc.cluster.local', namespace: 'default', subset: 'v1' },
    method: 'GET',
    authority: 'httpbin:8000',
    path: '/headers',
    status: 200,
    flags: '-',
    requestBytes: 0,
    responseBytes: 100,
    copies: 1,
  },
  copies: [],
  comparisons: [],
  pendingCopies: 1,
};

function startTap(args: TapArgs) {
  const io = captureIO({ env: {} });
  let stop!: () => void;
  const until = new Promise<void>((resolve) => {
    stop = resolve;
  });
  const exit = tapCommand(
    { token: 'secret-token-0123456789', backoff: { initialMs: 20, maxMs: 100 }, until, ...args },
    io,
  );
  return { io, stop, exit };
}

describe('shadowmesh tap', () => {
  it('subscribes with the filter and the token, prints each flow, and exits 0 when stopped', async () => {
    const peer = await startPeer();
    const tap = startTap({
      server: peer.url,
      service: 'httpbin',
      path: '/headers',
      status: '2xx',
      rate: '5',
    });
    await vi.waitFor(() => expect(peer.subscribes).toHaveLength(1));
    expect(peer.subscribes[0]).toEqual({
      message: {
        type: 'subscribe',
        filter: { service: 'httpbin', path: '/headers', status: '2xx' },
        ratePerSecond: 5,
      },
      authorization: 'Bearer secret-token-0123456789',
    });
    send(peer.sockets[0], { type: 'flow', flow });
    send(peer.sockets[0], { type: 'dropped', count: 4 });
    await vi.waitFor(() => expect(tap.io.stderrText()).toContain('4 flows not shown'));
    expect(tap.io.stdoutText()).toBe(
      'req id=req-1 src=sleep dst=httpbin(v1) :method=GET :path=/headers  rsp :status=200 latency=4.0ms  shadow=pending(1)\n',
    );
    tap.stop();
    expect(await tap.exit).toBe(0);
  });

  it('shows a server error and exits 1', async () => {
    const peer = await startPeer();
    const tap = startTap({ server: peer.url });
    await vi.waitFor(() => expect(peer.subscribes).toHaveLength(1));
    send(peer.sockets[0], {
      type: 'error',
      code: 'CP_ERR_BAD_REQUEST',
      message: 'too many taps',
      field: 'filter',
    });
    expect(await tap.exit).toBe(1);
    expect(tap.io.stderrText()).toBe(
      'Error from server (CP_ERR_BAD_REQUEST): too many taps (field: filter)\n',
    );
  });

  it('reconnects with backoff after a drop, says so on stderr, and subscribes again', async () => {
    const peer = await startPeer();
    const tap = startTap({ server: peer.url, method: 'get' });
    await vi.waitFor(() => expect(peer.subscribes).toHaveLength(1));
    peer.sockets[0]?.terminate();
    await vi.waitFor(() => expect(peer.subscribes).toHaveLength(2));
    expect(peer.subscribes[1]?.message).toEqual(peer.subscribes[0]?.message);
    expect(tap.io.stderrText()).toMatch(/^tap: connection lost \(code 1006\); reconnecting in 20ms…\n/);
    await vi.waitFor(() =>
      expect(tap.io.stderrText()).toMatch(/tap: reconnected to ws:\/\/127\.0\.0\.1:\d+\/api\/v1\/tap\n$/),
    );
    send(peer.sockets[1], { type: 'flow', flow });
    await vi.waitFor(() => expect(tap.io.stdoutText()).toContain('req id=req-1'));
    tap.stop();
    expect(await tap.exit).toBe(0);
  });

  it('keeps retrying while the control plane is down and exits 0 on Ctrl-C', async () => {
    const peer = await startPeer();
    const port = Number(new URL(peer.url).port);
    const tap = startTap({ server: peer.url });
    await vi.waitFor(() => expect(peer.subscribes).toHaveLength(1));
    await peer.close();
    await vi.waitFor(() =>
      expect(tap.io.stderrText().match(/reconnecting in/g)?.length ?? 0).toBeGreaterThanOrEqual(3),
    );
    expect(tap.io.stderrText()).toMatch(/connection lost \(ECONNREFUSED\); reconnecting in 40ms/);
    // The control plane comes back on the same address: the tap subscribes again.
    const again = await startPeer(port);
    await vi.waitFor(() => expect(again.subscribes).toHaveLength(1), { timeout: 5_000 });
    tap.stop();
    expect(await tap.exit).toBe(0);
  });

  it('fails at once when the control plane cannot be reached at the start', async () => {
    const peer = await startPeer();
    await peer.close();
    const tap = startTap({ server: peer.url });
    expect(await tap.exit).toBe(1);
    expect(tap.io.stderrText()).toMatch(
      /^error: cannot reach the control plane at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED\n$/,
    );
  });

  it.each([
    [
      401,
      /^error: the control plane refused the tap stream \(HTTP 401\): the token \(from --token\) was not accepted\n$/,
    ],
    [404, /^error: http:\/\/127\.0\.0\.1:\d+ has no tap stream \(\/api\/v1\/tap answered 404\)/],
  ])('exits 1 when the upgrade is refused with %d, saying why', async (status, message) => {
    const peer = await startPeer();
    peer.refuseWith = status;
    const tap = startTap({ server: peer.url });
    expect(await tap.exit).toBe(1);
    expect(tap.io.stderrText()).toMatch(message);
    expect(peer.subscribes).toEqual([]);
  });

  it.each([
    [['--status', 'abc'], /--status must be an HTTP status code/],
    [['--rate', '1000'], /--rate must be flows per second, more than 0 and at most 100/],
    [['-o', 'yaml'], /option '-o, --output <format>' argument 'yaml' is invalid/],
  ])('tap %j is refused naming the flag', async (argv, message) => {
    const result = await runCli(['tap', ...argv, '--server', 'http://127.0.0.1:9']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
