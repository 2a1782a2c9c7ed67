// Baseline copies (ShadowPolicy `baseline`, Diffy's "secondary") through a real sidecar: a captured,
// mirrored request is also copied to the primary's own subset, recorded as type `baseline`.
import { describe, expect, it } from 'vitest';
import { flowMeshPerTest, shadowPolicyDoc } from './testing/flow-mesh.js';
import { viaProxy, waitFor } from './testing/http-client.js';

const { mesh } = flowMeshPerTest();

describe('baseline copies', () => {
  it('copies every captured mirrored request to the primary subset too, as a baseline flow', async () => {
    const m = await mesh({
      meshSpec: '  flowSampling: 1\n',
      extra: [shadowPolicyDoc('httpbin', '  baseline:\n    percentage: 100\n')],
    });
    const res = await viaProxy(m.outbound, 'http://httpbin:8000/get?b=1');
    expect(res.status).toBe(200);
    const id = JSON.parse(res.text).headers['x-request-id'] as string;
    await waitFor(() => m.records().filter((r) => r.requestId === id).length >= 3, 'three records');
    const records = m.records().filter((r) => r.requestId === id);
    const primary = records.find((r) => r.type === 'primary');
    const baseline = records.find((r) => r.type === 'baseline');
    const mirror = records.find((r) => r.type === 'mirror');
    expect(primary).toMatchObject({ copies: 2, destination: { version: 'v1' } });
    expect(mirror).toMatchObject({ destination: { version: 'v2' } });
    // The baseline goes to the primary's subset, marked as a copy (never mirrored again).
    expect(baseline).toMatchObject({
      reason: 'sampled',
      authority: 'httpbin-shadow:8000',
      destination: { version: 'v1', subset: 'v1' },
      requestHeaders: { 'x-shadowmesh-shadow': '1' },
      status: 200,
      outcome: 'mirrored-ok',
    });
    expect(baseline?.responseBody).not.toBeNull();
    await waitFor(() => m.v1.requests.length >= 2, 'the primary and the baseline at v1');
    expect(m.v1.requests).toHaveLength(2);
    expect(m.v2.requests).toHaveLength(1);
  });

  it('sends no baseline for a request that is not captured', async () => {
    const m = await mesh({
      meshSpec: '  flowSampling: 0\n',
      extra: [shadowPolicyDoc('httpbin', '  flowSampling: 0\n  baseline:\n    percentage: 100\n')],
    });
    for (let i = 0; i < 5; i++)
      expect((await viaProxy(m.outbound, 'http://httpbin:8000/get')).status).toBe(200);
    await waitFor(() => m.v2.requests.length >= 5, 'five mirror copies at v2');
    expect(m.v1.requests).toHaveLength(5);
    expect(m.records()).toHaveLength(0);
  });
});
