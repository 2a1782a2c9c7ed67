// Tap sessions pushed by the control plane, and the bound of the flow buffer while the control plane is away.
import { describe, expect, it } from 'vitest';
import type { FlowMesh } from './testing/flow-mesh.js';
import { flowMeshPerTest } from './testing/flow-mesh.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import type { Behaviour } from './testing/recording-server.js';
import { answer, echo } from './testing/recording-server.js';
import { startTestControlPlane } from './testing/test-control-plane.js';

const { mesh, closeAfter } = flowMeshPerTest();

async function configDump(m: FlowMesh): Promise<{ flows: { tapSessions: string[] } }> {
  return (await (await fetch(`http://${m.proxy.addresses.admin}/config_dump`)).json()) as never;
}

async function tap(m: FlowMesh, sessions: { id: string; filter: object; ratePerSecond: number }[]) {
  m.conn.send({ type: 'tap', sessions } as never);
  const ids = sessions.map((s) => s.id).join(',');
  await waitFor(async () => (await configDump(m)).flows.tapSessions.join(',') === ids, `sessions ${ids}`);
}

const failOn503: Behaviour = (req, res, recorded) =>
  req.url?.startsWith('/fail') ? answer(503)(req, res, recorded) : echo(req, res, recorded);

describe('tap sessions', () => {
  it('capture matching requests with bodies (status filtered once the answer is known)', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 0\n', v1: failOn503 });
    await tap(m, [{ id: 'errors', filter: { status: '5xx', service: 'httpbin' }, ratePerSecond: 100 }]);
    expect((await viaProxy(m.outbound, 'http://httpbin:8000/ok', { method: 'POST', body: 'a' })).status).toBe(
      200,
    );
    expect(
      (await viaProxy(m.outbound, 'http://httpbin:8000/fail', { method: 'POST', body: 'b' })).status,
    ).toBe(503);
    await waitFor(() => m.records().length >= 1, 'the tapped failure');
    await waitFor(() => m.proxy.mirrorStats().totals['mirrored-ok'] === 2, 'both copies settled');
    const all = m.records();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      type: 'primary',
      reason: 'tap',
      tapSessions: ['errors'],
      path: '/fail',
      status: 503,
      requestBody: { data: 'b', size: 1 },
      responseBody: { data: 'status 503\n' },
    });
  });

  it('take at most ratePerSecond records per session; the rest are counted as dropped', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 0\n' });
    await tap(m, [{ id: 'slow', filter: { path: '/tap', type: 'primary' }, ratePerSecond: 1 }]);
    for (let i = 0; i < 10; i++) await viaProxy(m.outbound, `http://httpbin:8000/tap/${i}`);
    await viaProxy(m.outbound, 'http://httpbin:8000/other'); // matches nothing: neither kept nor dropped
    await waitFor(() => m.proxy.flowStats().captured + m.proxy.flowStats().dropped === 10, 'ten decisions');
    const { captured, dropped } = m.proxy.flowStats();
    // A bucket of one token refilled at 1/s: one record, and more only if the ten requests took seconds.
    expect(captured).toBeGreaterThanOrEqual(1);
    expect(captured).toBeLessThanOrEqual(3);
    await waitFor(() => m.proxy.flowStats().queued === 0, 'everything sent');
    await waitFor(
      () => m.payloads().reduce((n, p) => n + p.dropped, 0) === dropped,
      'the drops reported to the control plane',
    );
    expect(m.records().every((r) => r.reason === 'tap' && r.path.startsWith('/tap/'))).toBe(true);
    await tap(m, []);
  });
});

describe('flow buffer', () => {
  it('takes a request whole: the copies of an admitted primary come along without tokens of their own', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 0\n' });
    await tap(m, [{ id: 'one', filter: { path: '/whole' }, ratePerSecond: 1 }]);
    for (let i = 0; i < 5; i++) await viaProxy(m.outbound, `http://httpbin:8000/whole/${i}`);
    await waitFor(() => m.proxy.mirrorStats().totals['mirrored-ok'] === 5, 'every copy settled');
    await waitFor(
      () => m.proxy.flowStats().queued === 0 && m.records().length >= 2,
      'the admitted request sent',
    );
    const byRequest = new Map<string, string[]>();
    for (const r of m.records()) byRequest.set(r.requestId, [...(byRequest.get(r.requestId) ?? []), r.type]);
    // Every admitted request arrives with its primary and its copy (one token per request, not per record).
    for (const types of byRequest.values()) expect(types.sort()).toEqual(['mirror', 'primary']);
    expect(m.records().every((r) => r.reason === 'tap' && r.tapSessions?.[0] === 'one')).toBe(true);
  });

  it('keeps the newest 1,000 (here 5) records while the control plane is away and reports the dropped count', async () => {
    const m = await mesh({
      meshSpec: '  flowSampling: 1\n',
      mirror: 0,
      start: { flowBuffer: { maxRecords: 5, maxBytes: 8 * 1024 * 1024 } },
    });
    await m.cp.close();
    for (let i = 1; i <= 12; i++)
      expect((await viaProxy(m.outbound, `http://httpbin:8000/b${i}`)).status).toBe(200);
    expect(m.proxy.flowStats()).toEqual({ captured: 12, dropped: 7, queued: 5 });
    const metrics = await (await fetch(`http://${m.proxy.addresses.admin}/stats/prometheus`)).text();
    expect(metrics).toContain('shadowmesh_flows_captured_total 12');
    expect(metrics).toContain('shadowmesh_flows_dropped_total 7');
    const again = await startTestControlPlane({ port: m.cp.port });
    closeAfter(again.close);
    const conn = await waitFor(
      () => again.connections[0]?.hello && again.connections[0],
      'reconnected',
      10_000,
    );
    const payload = await waitFor(
      () =>
        conn.messages.find((x) => x.type === 'flows')?.payload as {
          flows: { path: string }[];
          dropped: number;
        },
      'the kept flows',
    );
    expect(payload.flows.map((r) => r.path)).toEqual(['/b8', '/b9', '/b10', '/b11', '/b12']);
    expect(payload.dropped).toBe(7);
  });
});
