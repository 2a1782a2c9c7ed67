import type { ProxyIdentity } from '@shadowmesh/api';
import type { EdgeKey } from '@shadowmesh/telemetry';
import { TelemetryRecorder } from '@shadowmesh/telemetry';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeKey } from '../../testing/mesh/telemetry-deltas.js';
import { waitUntil } from '../../testing/mesh/wait-until.js';
import { testApp } from '../../testing/test-app.js';
import { identityOf, TestProxy } from '../../testing/test-proxy.js';
import { renderExposition } from './prometheus-exposition.js';
import { TelemetryService } from './telemetry-service.js';

let ms = 1_700_000_000_000;
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function service(): TelemetryService {
  const s = new TelemetryService({ now: () => ms });
  cleanups.push(() => s.close());
  return s;
}

/** A new connection of the same proxy: the proxy session makes a new identity object from each hello. */
const connection = (): ProxyIdentity => identityOf({ id: 'sleep.default-1', labels: { app: 'sleep' } });

const KEYS: EdgeKey[] = [
  edgeKey(),
  edgeKey({ responseCode: 503, responseFlags: 'UF' }),
  edgeKey({ requestType: 'mirror', destinationVersion: 'v2', destinationWorkload: 'httpbin-v2' }),
];

/** One second of seeded traffic into each recorder. */
function second(n: number, ...recorders: TelemetryRecorder[]): void {
  for (let i = 0; i < 30; i++) {
    const key = KEYS[(i * 7 + n) % KEYS.length] as EdgeKey;
    const sample = {
      durationMs: 1 + ((i * 37 + n * 11) % 97) / 3,
      requestBytes: i * 10,
      responseBytes: 100 + n,
    };
    for (const r of recorders) r.record(key, sample);
  }
  for (const r of recorders)
    r.countMirror('outbound|8000|v2|httpbin.default.svc.cluster.local', 'mirrored-ok');
}

const wire = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('compact (version 2) telemetry', () => {
  it('records exactly what version 1 deltas of the same traffic record (Prometheus text and graph)', () => {
    const [a, b] = [service(), service()];
    const [v1, v2] = [new TelemetryRecorder(0), new TelemetryRecorder(0)];
    const conn = connection();
    for (let n = 1; n <= 5; n++) {
      ms += 1000;
      second(n, v1, v2);
      expect(a.ingest(conn, wire(v1.takeDelta(ms)))).toBe(true);
      expect(b.ingest(conn, wire(v2.takeCompactDelta(ms)))).toBe(true);
    }
    ms += 1000;
    const text = (s: TelemetryService) =>
      renderExposition({ series: s.registry.values(), mirror: s.mirrorTotals(), controlPlane: [] });
    expect(text(b)).toEqual(text(a));
    expect(b.windowEdges(10).edges).toEqual(a.windowEdges(10).edges);
    expect(b.counters).toEqual(a.counters);
  });

  it('refuses references to keys a new connection has not been sent, until they are resent', () => {
    const s = service();
    const rec = new TelemetryRecorder(0);
    second(1, rec);
    expect(s.ingest(connection(), wire(rec.takeCompactDelta(1000)))).toBe(true);
    const reconnected = connection();
    second(2, rec);
    expect(s.ingest(reconnected, wire(rec.takeCompactDelta(2000)))).toBe(false);
    expect(s.counters).toMatchObject({ messages: 2, rejected: 1 });
    rec.resetKeys();
    second(3, rec);
    expect(s.ingest(reconnected, wire(rec.takeCompactDelta(3000)))).toBe(true);
    second(4, rec);
    expect(s.ingest(reconnected, wire(rec.takeCompactDelta(4000)))).toBe(true);
    expect(s.counters).toMatchObject({ messages: 4, rejected: 1 });
  });

  it('checks the labels of each new key, naming the field of the key', () => {
    const s = service();
    const rec = new TelemetryRecorder(0);
    rec.record(edgeKey({ destinationApp: 'x'.repeat(300) }), {
      durationMs: 1,
      requestBytes: 0,
      responseBytes: 0,
    });
    const refused: unknown[] = [];
    const logging = new TelemetryService({
      now: () => ms,
      log: { debug: (o: unknown) => refused.push(o) } as never,
    });
    cleanups.push(() => logging.close());
    const payload = wire(rec.takeCompactDelta(1000));
    expect(s.ingest(connection(), payload)).toBe(false);
    expect(logging.ingest(connection(), payload)).toBe(false);
    expect(refused).toEqual([expect.objectContaining({ field: 'payload.keys[0][8]' })]);
    expect(s.registry.size).toBe(0);
  });

  it('over a real proxy WebSocket: keys per connection, refusals counted, /metrics exact', async () => {
    const t = await testApp();
    cleanups.push(t.close);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const metric = async (name: string) => {
      const text = (await t.app.inject({ method: 'GET', url: `/metrics?name=${name}` })).body;
      return text.split('\n').filter((l) => l.startsWith(name) && !l.startsWith('#'));
    };
    const open = async () => {
      const p = await TestProxy.connect(url);
      cleanups.push(() => p.close());
      p.hello({ id: 'sleep.default-1', labels: { app: 'sleep' } });
      await p.waitFor(() => p.messages.find((m) => m.type === 'welcome'), 'welcome');
      return p;
    };
    const rec = new TelemetryRecorder(Date.now());
    const first = await open();
    for (let n = 1; n <= 3; n++) {
      second(n, rec);
      first.send({ type: 'telemetry', payload: rec.takeCompactDelta(Date.now()) });
    }
    const total = async () =>
      (await metric('istio_requests_total'))
        .filter((l) => l.includes('reporter="source"'))
        .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    await waitUntil(async () => (await total()) === 90, 'three seconds of requests counted');
    await first.close();
    const again = await open();
    second(4, rec);
    again.send({ type: 'telemetry', payload: rec.takeCompactDelta(Date.now()) });
    await waitUntil(
      async () =>
        (await metric('shadowmesh_telemetry_rejected_total')).includes(
          'shadowmesh_telemetry_rejected_total 1',
        ),
      'the reference to unsent keys refused',
    );
    second(5, rec);
    again.send({ type: 'telemetry', payload: rec.takeCompactDelta(Date.now(), { fresh: true }) });
    await waitUntil(async () => (await total()) === 120, 'the fresh delta counted');
  });
});
