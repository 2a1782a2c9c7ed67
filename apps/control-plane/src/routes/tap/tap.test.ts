import type { ControlPlaneToProxy, FlowRecord, TapSessionSpec } from '@shadowmesh/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flowsPayload, mirrorRecord, primaryRecord } from '../../testing/flow-records.js';
import { type TestApp, testApp } from '../../testing/test-app.js';
import { TestProxy } from '../../testing/test-proxy.js';
import { TestTapClient } from '../../testing/test-tap-client.js';

function tapSessions(proxy: TestProxy): TapSessionSpec[][] {
  return proxy.messages.flatMap((m: ControlPlaneToProxy) => (m.type === 'tap' ? [m.sessions] : []));
}

describe('/api/v1/tap', () => {
  let t: TestApp;
  let url: string;
  const opened: Array<{ close(): Promise<void> }> = [];

  beforeEach(async () => {
    // The tap's one-second tick runs only when the test calls it.
    t = await testApp({}, { flows: { tapTickMs: 0, sweepMs: 0 } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    await t.close();
  });

  const proxy = async (id: string, workload: string) => {
    const p = await TestProxy.connect(url);
    opened.push(p);
    p.hello({ id, workload });
    await p.waitFor(() => p.messages.some((m) => m.type === 'welcome'), 'welcome');
    return p;
  };
  const tap = async () => {
    const c = await TestTapClient.connect(url);
    opened.push(c);
    return c;
  };
  const send = (p: TestProxy, flows: FlowRecord[]) => p.send({ type: 'flows', payload: flowsPayload(flows) });

  it('sends only matching flows, again when a copy arrives, and runs a proxy tap session meanwhile', async () => {
    const sleep = await proxy('sleep-1', 'sleep');
    const client = await tap();
    client.send({ type: 'subscribe', filter: { path: '/json' }, ratePerSecond: 50 });
    const [sessions] = await sleep.waitFor(() => {
      const s = tapSessions(sleep);
      return s.length > 0 ? s : null;
    }, 'tap sessions');
    expect(sessions).toHaveLength(1);
    expect(sessions![0]).toMatchObject({ filter: { path: '/json' }, ratePerSecond: 50 });

    // A proxy connecting while the session runs is told of it.
    const late = await proxy('sleep-2', 'sleep');
    await late.waitFor(() => tapSessions(late).at(-1)?.length === 1, 'tap sessions on the late proxy');

    const json = primaryRecord('t-json', { path: '/json' });
    send(sleep, [primaryRecord('t-get', { path: '/get' }), json]);
    await client.waitFor(() => client.flowIds().includes('t-json'), 'the /json flow');
    send(sleep, [mirrorRecord(json)]);
    await client.waitFor(() => client.flowIds().length === 2, 'the update');
    expect(client.flowIds()).toEqual(['t-json', 't-json']);
    const update = client.messages.at(-1);
    expect(update?.type === 'flow' && update.flow.copies.length).toBe(1);
    expect(update?.type === 'flow' && update.flow.comparisons[0]?.result).toBe('equal');

    await client.close();
    await sleep.waitFor(() => tapSessions(sleep).at(-1)?.length === 0, 'the session to end');
  });

  it('answers a bad subscribe with an error naming the field and changes nothing', async () => {
    const sleep = await proxy('sleep-1', 'sleep');
    const client = await tap();
    client.send({ type: 'subscribe', filter: { path: '/a' } });
    await sleep.waitFor(() => tapSessions(sleep).length === 1, 'the first session');
    for (const [bad, field] of [
      [{ type: 'subscribe', filter: { status: '6xx' } }, 'filter.status'],
      [{ type: 'subscribe', filter: {}, ratePerSecond: 1000 }, 'ratePerSecond'],
      [{ type: 'subscribe', filter: { colour: 'red' } }, 'filter.colour'],
      ['{not json', '(root)'],
    ] as const) {
      const before = client.messages.length;
      client.send(bad);
      const error = await client.waitFor(() => client.messages[before], `an error for ${field}`);
      expect(error).toMatchObject({ type: 'error', code: 'CP_ERR_BAD_REQUEST' });
      expect(error.type === 'error' && error.field).toBe(field);
    }
    expect(tapSessions(sleep)).toHaveLength(1);
    expect(t.app.flows.tap.sessions()[0]?.filter).toEqual({ path: '/a' });
    // The earlier subscription still delivers.
    send(sleep, [primaryRecord('still', { path: '/a/b' })]);
    await client.waitFor(() => client.flowIds().includes('still'), 'a flow of the earlier subscription');
  });

  it('limits each client to its rate and reports the excess once a second', async () => {
    const sleep = await proxy('sleep-1', 'sleep');
    const client = await tap();
    client.send({ type: 'subscribe', filter: {}, ratePerSecond: 2 });
    await sleep.waitFor(() => tapSessions(sleep).length === 1, 'the session');
    send(
      sleep,
      [1, 2, 3, 4, 5].map((i) => primaryRecord(`r${i}`, { copies: 0 })),
    );
    await client.waitFor(() => t.app.flows.flows.ring.records === 5, 'the flows to be held');
    t.app.flows.tap.tick();
    // The report follows every flow message sent before it on the same socket.
    await client.waitFor(() => client.messages.find((m) => m.type === 'dropped'), 'a dropped report');
    expect(client.flowIds()).toEqual(['r1', 'r2']);
    expect(client.messages.find((m) => m.type === 'dropped')).toEqual({ type: 'dropped', count: 3 });
    // A new second, a new allowance.
    send(sleep, [primaryRecord('r6', { copies: 0 })]);
    await client.waitFor(() => client.flowIds().includes('r6'), 'the next second’s flow');
  });
});
