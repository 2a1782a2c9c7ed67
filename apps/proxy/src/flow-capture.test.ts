// Flow capture end to end: a sidecar connected to a test control plane that records what it receives.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FlowRecord } from '@shadowmesh/api';
import { FlowsPayloadSchema } from '@shadowmesh/api';
import type { MirrorDecision, ShadowSettings } from '@shadowmesh/routing';
import { TelemetryDeltaReader } from '@shadowmesh/telemetry';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { basePlan } from './exchange-plan.js';
import { FlowBuffer } from './flow-buffer.js';
import { FlowCapture } from './flow-capture.js';
import { TapSessions } from './tap-sessions.js';
import type { FlowMesh } from './testing/flow-mesh.js';
import { flowMeshPerTest, shadowPolicyDoc } from './testing/flow-mesh.js';
import { viaProxy, waitFor } from './testing/http-client.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { Behaviour } from './testing/recording-server.js';
import { answer, echo, hang } from './testing/recording-server.js';

const HOST = 'httpbin.default.svc.cluster.local';
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const { mesh } = flowMeshPerTest();

/** Records received, once `n` have arrived; every payload is checked against the control plane's schema. */
async function records(m: FlowMesh, n: number): Promise<FlowRecord[]> {
  await waitFor(() => m.records().length >= n, `${n} flow records`);
  for (const payload of m.payloads()) {
    if (!Value.Check(FlowsPayloadSchema, payload)) {
      throw new Error(JSON.stringify([...Value.Errors(FlowsPayloadSchema, payload)].slice(0, 3)));
    }
  }
  return m.records();
}

function settings(flowSampling: number): ShadowSettings {
  return {
    shadowHostSuffix: true,
    maxInFlight: 1,
    timeoutMs: 1,
    maxBodyBytes: 1,
    captureBodyBytes: 16,
    flowSampling,
    redactHeaders: [],
    baselinePercentage: 0,
  };
}

describe('flow sampling (unit)', () => {
  const req = { method: 'GET' } as IncomingMessage;
  const capture = (random: () => number) =>
    new FlowCapture({
      source: { workload: 'sleep', namespace: 'default' },
      random,
      buffer: new FlowBuffer(),
      taps: new TapSessions(),
    });

  it('samples a fraction of requests within a 4σ binomial band (seeded)', () => {
    const n = 10_000;
    const p = 0.25;
    const flows = capture(mulberry32(42));
    let sampled = 0;
    for (let i = 0; i < n; i++) {
      const plan = basePlan(req, {}, `r${i}`, '/', 'httpbin:8000', null);
      if (flows.begin(plan, settings(p)) !== null) sampled++;
    }
    const sigma = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(sampled - n * p)).toBeLessThanOrEqual(4 * sigma);
  });

  it('draws nothing at rate 0 or 1, and takes the highest rate of the primary and its mirror targets', () => {
    let draws = 0;
    const flows = capture(() => {
      draws++;
      return 0.999;
    });
    const plan = basePlan(req, {}, 'r', '/', 'httpbin:8000', null);
    expect(flows.begin(plan, settings(0))).toBeNull();
    expect(flows.begin(plan, settings(1))?.sampled).toBe(true);
    expect(draws).toBe(0);
    plan.mirrors = [{ settings: settings(1) } as MirrorDecision];
    expect(flows.begin(plan, settings(0))?.sampled).toBe(true);
    plan.mirrors = [{ settings: settings(0.5) } as MirrorDecision];
    expect(flows.begin(plan, settings(0.1))).toBeNull(); // 0.999 ≥ 0.5
    expect(draws).toBe(1);
  });
});

describe('flow capture through the outbound sidecar', () => {
  it('at rate 1.0 records every primary and its mirror copy, sharing the request id', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 1\n' });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await viaProxy(m.outbound, `http://httpbin:8000/get?i=${i}`);
      expect(res.status).toBe(200);
      ids.push(JSON.parse(res.text).headers['x-request-id']);
    }
    const all = await records(m, 6);
    expect(all).toHaveLength(6);
    for (const id of ids) {
      const primary = all.find((r) => r.requestId === id && r.type === 'primary');
      const copy = all.find((r) => r.requestId === id && r.type === 'mirror');
      expect(primary).toMatchObject({
        reason: 'sampled',
        copies: 1,
        route: 'httpbin.default',
        method: 'GET',
        authority: 'httpbin:8000',
        status: 200,
        flags: '-',
        source: { workload: 'sleep', namespace: 'default', app: 'sleep', version: 'v1' },
        destination: {
          service: HOST,
          namespace: 'default',
          subset: 'v1',
          workload: 'httpbin-v1',
          app: 'httpbin',
          version: 'v1',
          address: m.v1.address,
        },
        requestHeaders: { host: 'httpbin:8000', 'x-request-id': id },
        responseHeaders: { 'content-type': 'application/json' },
        requestBody: null,
      });
      expect(primary?.id).toMatch(/^sleep\.default-[0-9a-f]{6}\/\d+$/);
      expect(copy).toMatchObject({
        reason: 'sampled',
        outcome: 'mirrored-ok',
        authority: 'httpbin-shadow:8000',
        status: 200,
        destination: {
          service: HOST,
          subset: 'v2',
          workload: 'httpbin-v2',
          version: 'v2',
          address: m.v2.address,
        },
        requestHeaders: { host: 'httpbin-shadow:8000', 'x-shadowmesh-shadow': '1', 'x-request-id': id },
      });
      expect(copy?.copies).toBeUndefined();
      expect(JSON.parse(copy?.responseBody?.data ?? '{}').headers.host).toBe('httpbin-shadow:8000');
    }
  });

  it('at rate 0 sends no flows message at all for requests that went well', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 0\n' });
    for (let i = 0; i < 5; i++)
      expect((await viaProxy(m.outbound, 'http://httpbin:8000/ok')).status).toBe(200);
    await waitFor(() => m.proxy.mirrorStats().totals['mirrored-ok'] === 5, 'five copies settled');
    // Telemetry and flows go out in the same flush: once the copies are reported, any flow would be too.
    const reported = (type: string) => {
      const reader = new TelemetryDeltaReader();
      return m.conn.messages
        .flatMap((x) => (x.type === 'telemetry' ? [reader.read(x.payload)] : []))
        .flatMap((d) => (d.ok ? d.value.edges : []))
        .filter((e) => e.key.requestType === type)
        .reduce((n, e) => n + e.requests, 0);
    };
    await waitFor(() => reported('primary') === 5 && reported('mirror') === 5, 'every request reported');
    expect(m.payloads()).toEqual([]);
    expect(m.proxy.flowStats()).toEqual({ captured: 0, dropped: 0, queued: 0 });
  });

  it('never holds a primary for its copy: with a mirror that never answers, every captured primary is sent at once', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 1\n', v2: hang });
    for (let i = 0; i < 30; i++) {
      expect((await viaProxy(m.outbound, `http://httpbin:8000/get?n=${i}`)).status).toBe(200);
    }
    // Every primary is recorded (bodies and all) while its copy still hangs at v2.
    await waitFor(() => m.records().filter((r) => r.type === 'primary').length === 30, '30 primary records');
    expect(m.records().filter((r) => r.type === 'mirror')).toHaveLength(0);
    expect(m.proxy.mirrorStats().inFlight).toMatchObject({
      'outbound|8000|v2|httpbin.default.svc.cluster.local': 30,
    });
  });

  it('keeps the first N bytes of bodies (ShadowPolicy captureBodyBytes) with size and sha256 of the whole', async () => {
    const m = await mesh({
      meshSpec: '  flowSampling: 1\n',
      extra: [shadowPolicyDoc('httpbin', '  captureBodyBytes: 100\n')],
    });
    const text = 'x'.repeat(1000);
    const res = await viaProxy(m.outbound, 'http://httpbin:8000/post', { method: 'POST', body: text });
    const all = await records(m, 2);
    const primary = all.find((r) => r.type === 'primary');
    expect(primary?.requestBody).toEqual({
      encoding: 'utf8',
      data: 'x'.repeat(100),
      size: 1000,
      truncated: true,
      sha256: sha(text),
    });
    expect(primary?.responseBody).toMatchObject({
      size: res.body.length,
      truncated: true,
      sha256: sha(res.body),
    });
    expect(primary?.responseBody?.data).toBe(res.body.subarray(0, 100).toString());
    expect(primary?.requestBytes).toBe(1000);
    const copy = all.find((r) => r.type === 'mirror');
    expect(copy?.requestBody).toEqual(primary?.requestBody);
    expect(copy?.responseBody?.size).toBe(copy?.responseBytes);
  });

  it('captures a binary body in base64', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 1\n  captureBodyBytes: 64\n', mirror: 0 });
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(500)]);
    await viaProxy(m.outbound, 'http://httpbin:8000/bin', { method: 'PUT', body });
    const [primary] = await records(m, 1);
    expect(primary?.requestBody?.encoding).toBe('base64');
    expect(Buffer.from(primary?.requestBody?.data ?? '', 'base64')).toEqual(body.subarray(0, 64));
    expect(primary?.requestBody).toMatchObject({ size: 502, truncated: true, sha256: sha(body) });
  });

  it('redacts authorization, cookie, set-cookie and configured headers: the values never reach the control plane', async () => {
    const setCookie: Behaviour = (req, res, recorded) => {
      res.setHeader('set-cookie', ['sid=sekrit-set-cookie-1', 'other=sekrit-set-cookie-2']);
      echo(req, res, recorded);
    };
    const m = await mesh({
      v1: setCookie,
      meshSpec: '  flowSampling: 1\n',
      extra: [shadowPolicyDoc('httpbin', '  redactHeaders: [X-Api-Key]\n')],
    });
    const res = await viaProxy(m.outbound, 'http://httpbin:8000/headers', {
      headers: {
        authorization: 'Bearer sekrit-authorization',
        cookie: 'session=sekrit-cookie',
        'x-api-key': 'sekrit-api-key',
        'x-visible': 'shown',
      },
    });
    expect(res.text).toContain('sekrit-authorization'); // the client's own answer is untouched
    const all = await records(m, 2);
    for (const r of all) {
      expect(r.requestHeaders).toMatchObject({
        authorization: '[redacted]',
        cookie: '[redacted]',
        'x-api-key': '[redacted]',
        'x-visible': 'shown',
      });
    }
    expect(all.find((r) => r.type === 'primary')?.responseHeaders['set-cookie']).toBe('[redacted]');
    expect(m.wire()).not.toContain('sekrit');
  });

  it('always keeps failures without bodies (reason error), and nothing of the requests that went well', async () => {
    const byPath =
      (status: number): Behaviour =>
      (req, res, recorded) =>
        req.url?.startsWith('/fail') ? answer(status)(req, res, recorded) : echo(req, res, recorded);
    const m = await mesh({ meshSpec: '  flowSampling: 0\n', v1: byPath(503), v2: byPath(500) });
    expect((await viaProxy(m.outbound, 'http://httpbin:8000/ok')).status).toBe(200);
    const res = await viaProxy(m.outbound, 'http://httpbin:8000/fail', { method: 'POST', body: 'payload' });
    expect(res.status).toBe(503);
    const all = await records(m, 2);
    expect(all.map((r) => `${r.type} ${r.path} ${r.status}`).sort()).toEqual([
      'mirror /fail 500',
      'primary /fail 503',
    ]);
    const primary = all.find((r) => r.type === 'primary');
    expect(primary).toMatchObject({
      reason: 'error',
      requestBody: null,
      responseBody: null,
      requestBytes: 7,
    });
    expect(primary?.responseHeaders['content-type']).toBe('text/plain');
    expect(all.find((r) => r.type === 'mirror')).toMatchObject({
      reason: 'error',
      outcome: 'mirrored-error',
      requestBody: null,
      responseBody: null,
    });
  });

  it('keeps a failure answered by the proxy itself (upstream refused)', async () => {
    const m = await mesh({ meshSpec: '  flowSampling: 0\n', mirror: 0 });
    await m.v1.close();
    expect((await viaProxy(m.outbound, 'http://httpbin:8000/down')).status).toBe(503);
    const [r] = await records(m, 1);
    expect(r).toMatchObject({ type: 'primary', reason: 'error', status: 503, path: '/down' });
    expect(r?.flags).toMatch(/^UF/);
  });
});
