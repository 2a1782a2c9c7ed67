// Against a real WebSocket server on loopback (`ws`), with `ws`'s client standing in for the browser's.
import type { FlowExchangeSummary, TapSubscribe } from '@shadowmesh/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { WebSocketLike } from '../api/reconnectingSocket';
import { startWsTestServer, type WsTestServer } from '../api/testing/wsTestServer';
import { TapClient, type TapStatus } from './tapClient';
import { parseTapMessage } from './tapMessage';
import { summary } from './testFlows';

const SUB: TapSubscribe = { type: 'subscribe', filter: { service: 'httpbin', path: '/anything' } };

let harness: WsTestServer;
let client: TapClient | null = null;
let log: {
  flows: FlowExchangeSummary[];
  dropped: number[];
  refused: string[];
  statuses: TapStatus[];
  errors: string[];
};

function startClient(): TapClient {
  log = { flows: [], dropped: [], refused: [], statuses: [], errors: [] };
  client = new TapClient({
    url: harness.url,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    onFlow: (flow) => log.flows.push(flow),
    onDropped: (count) => log.dropped.push(count),
    onRefused: (error) => log.refused.push(`${error.code} ${error.field ?? ''}`),
    onStatus: (status) => log.statuses.push(status),
    onProtocolError: (error) => log.errors.push(error),
    random: () => 0,
  });
  client.start();
  return client;
}

const send = (index: number, message: unknown) => harness.send(index, message);

beforeEach(async () => {
  harness = await startWsTestServer('/api/v1/tap');
});

afterEach(async () => {
  client?.stop();
  client = null;
  await harness.close();
});

describe('TapClient', () => {
  it('subscribes on open and hands over flows, dropped counts and refusals', async () => {
    const c = startClient();
    c.subscribe(SUB);
    await vi.waitFor(() => expect(harness.received[0]).toEqual([JSON.stringify(SUB)]));
    expect(c.status).toBe('live');
    send(0, { type: 'flow', flow: summary('a', 1) });
    send(0, { type: 'dropped', count: 4 });
    send(0, { type: 'error', code: 'CP_ERR_BAD_REQUEST', message: 'bad', field: 'filter.status' });
    await vi.waitFor(() => expect(log.refused).toEqual(['CP_ERR_BAD_REQUEST filter.status']));
    expect(log.flows.map((f) => f.requestId)).toEqual(['a']);
    expect(log.dropped).toEqual([4]);
    expect(log.statuses).toEqual(['connecting', 'live']);
  });

  it('sends a changed filter on the same connection, and not an unchanged one', async () => {
    const c = startClient();
    c.subscribe(SUB);
    await vi.waitFor(() => expect(harness.received[0]).toHaveLength(1));
    const next: TapSubscribe = { type: 'subscribe', filter: { status: '5xx' } };
    c.subscribe({ ...SUB, filter: { ...SUB.filter } });
    c.subscribe(next);
    await vi.waitFor(() => expect(harness.received[0]).toEqual([JSON.stringify(SUB), JSON.stringify(next)]));
    expect(harness.connections).toHaveLength(1);
  });

  it('reports unreadable messages and carries on', async () => {
    startClient();
    await vi.waitFor(() => expect(harness.connections).toHaveLength(1));
    harness.connections[0]?.send('not json');
    send(0, { type: 'flow', flow: { id: 'x~1', requestId: 'x' } });
    send(0, { type: 'flow', flow: summary('b', 2) });
    await vi.waitFor(() => expect(log.flows).toHaveLength(1));
    expect(log.errors).toEqual(['tap message: not JSON', 'flow.flow.startTime: expected a number']);
  });

  it('reconnects after the server drops it and subscribes again', async () => {
    const c = startClient();
    c.subscribe(SUB);
    await vi.waitFor(() => expect(harness.received[0]).toHaveLength(1));
    harness.connections[0]?.terminate();
    await vi.waitFor(() => expect(log.statuses).toContain('reconnecting'));
    await vi.waitFor(() => expect(harness.received[1]).toEqual([JSON.stringify(SUB)]));
    await vi.waitFor(() => expect(c.status).toBe('live'));
  });

  it('retries with backoff while the server is down, and at once when asked', async () => {
    const port = Number(new URL(harness.url).port);
    await harness.close();
    const c = startClient();
    c.subscribe(SUB);
    await vi.waitFor(() => expect(c.status).toBe('reconnecting'));
    harness = await startWsTestServer('/api/v1/tap', port);
    c.reconnectNow();
    await vi.waitFor(() => expect(c.status).toBe('live'));
    await vi.waitFor(() => expect(harness.received[0]).toEqual([JSON.stringify(SUB)]));
  });

  it('stop closes the socket and never reconnects', async () => {
    const c = startClient();
    await vi.waitFor(() => expect(c.status).toBe('live'));
    const closed = new Promise<void>((resolve) => harness.connections[0]?.once('close', () => resolve()));
    c.stop();
    await closed;
    expect(c.status).toBe('closed');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(harness.connections).toHaveLength(1);
  });
});

describe('parseTapMessage', () => {
  it.each([
    [42, 'tap message: expected text'],
    ['[1]', 'tap message: unknown type undefined'],
    ['{"type":"dropped","count":-1}', 'dropped.count: expected a count'],
    ['{"type":"error","code":1}', 'error: expected code and message'],
    ['{"type":"nope"}', 'tap message: unknown type "nope"'],
  ])('refuses %s', (data, error) => {
    expect(parseTapMessage(data)).toEqual({ ok: false, error });
  });
});
