// The request vector as the real Prometheus 2.42 answered it (fixtures/prometheus-answers.json, scraped
// from the httpbin mirror mesh's sidecars) becomes the graph builder's edges: rates kept, copies marked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VectorSample } from './prometheus-client.js';
import { edgeKeyOf, vectorToEdges } from './vector-to-edges.js';

interface Answer {
  data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}
const answers = JSON.parse(
  readFileSync(new URL('./fixtures/prometheus-answers.json', import.meta.url), 'utf8'),
) as { requests: Answer };
const samples: VectorSample[] = answers.requests.data.result.map((r) => ({
  metric: r.metric,
  value: Number(r.value[1]),
}));

describe('vectorToEdges', () => {
  it('gives one edge per captured series, requests = rate × window, the mirror series marked', () => {
    const edges = vectorToEdges(samples, 60);
    expect(edges).toHaveLength(samples.length);
    for (const [i, edge] of edges.entries()) expect(edge.requests).toBeCloseTo(samples[i]!.value * 60, 6);
    const mirror = edges.filter((e) => e.key.requestType === 'mirror');
    expect(mirror.map((e) => e.key.destinationWorkload)).toEqual(expect.arrayContaining(['httpbin-v2']));
    expect(
      edges.filter((e) => e.key.requestType === 'primary').every((e) => e.key.destinationVersion === 'v1'),
    ).toBe(true);
    const failed = edges.find((e) => e.key.responseCode === 503 && e.key.requestType === 'primary');
    expect(failed?.key.responseFlags).toBe('URX');
  });

  it('leaves out samples that are not a positive finite rate', () => {
    const metric = samples[0]!.metric;
    expect(
      vectorToEdges(
        [
          { metric, value: 0 },
          { metric, value: Number.NaN },
          { metric, value: 2 },
        ],
        10,
      ),
    ).toHaveLength(1);
  });

  it('reads an Istio copy reported under its -shadow host as a mirror of the real service', () => {
    const key = edgeKeyOf({
      destination_service: 'httpbin-shadow.default.svc.cluster.local',
      response_code: '200',
    });
    expect(key).toMatchObject({
      destinationService: 'httpbin.default.svc.cluster.local',
      requestType: 'mirror',
      sourceWorkload: 'unknown',
      responseFlags: '-',
    });
  });
});
