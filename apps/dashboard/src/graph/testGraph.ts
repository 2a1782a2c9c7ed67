// Builders of small GraphResponse values for unit tests (not shipped: only *.test.ts import this).
import type { EdgeTraffic, GraphEdge, GraphNode, GraphResponse, ServiceBadges } from '@shadowmesh/api';

export const NO_BADGES: ServiceBadges = {
  mirror: false,
  weightedRouting: false,
  faultInjection: false,
  timeout: false,
  retries: false,
  circuitBreaker: false,
};

export function testNode(id: string, fields: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    kind: 'app',
    label: id,
    namespace: 'default',
    health: 'healthy',
    inRps: 0,
    outRps: 0,
    errorRatio: 0,
    ...fields,
  };
}

export function testTraffic(fields: Partial<EdgeTraffic> = {}): EdgeTraffic {
  return {
    rps: 1,
    requests: 60,
    errors: 0,
    errorRatio: 0,
    share: 1,
    p50Ms: 5,
    p95Ms: 12,
    p99Ms: 20,
    responseCodes: { '200': 60 },
    ...fields,
  };
}

export function testEdge(
  source: string,
  target: string,
  fields: Partial<Omit<GraphEdge, 'traffic'>> & { traffic?: Partial<EdgeTraffic> } = {},
): GraphEdge {
  const { traffic, ...rest } = fields;
  return {
    id: `${source}->${target}${fields.mirror ? ':mirror' : ''}`,
    source,
    target,
    mirror: false,
    protocol: 'http',
    health: 'healthy',
    traffic: testTraffic(traffic),
    ...rest,
  };
}

/**
 * The e2e scenario in small: a client calls the httpbin service, which routes 90/10 to v1/v2 (an
 * app box around both) and mirrors to v2.
 */
export function httpbinGraph(): GraphResponse {
  return {
    timestamp: '2026-01-01T00:00:00.000Z',
    durationSeconds: 60,
    graphType: 'versionedApp',
    namespaces: ['default'],
    nodes: [
      testNode('client', { kind: 'workload', workload: 'client', isRoot: true, outRps: 10 }),
      testNode('svc:httpbin', {
        kind: 'service',
        label: 'httpbin',
        service: 'httpbin',
        inRps: 10,
        badges: { ...NO_BADGES, mirror: true, weightedRouting: true },
      }),
      testNode('box:httpbin', { kind: 'box', label: 'httpbin', app: 'httpbin' }),
      testNode('httpbin:v1', {
        label: 'httpbin v1',
        parent: 'box:httpbin',
        app: 'httpbin',
        version: 'v1',
        inRps: 9,
      }),
      testNode('httpbin:v2', {
        label: 'httpbin v2',
        parent: 'box:httpbin',
        app: 'httpbin',
        version: 'v2',
        inRps: 11,
        errorRatio: 0.05,
        health: 'degraded',
      }),
    ],
    edges: [
      testEdge('client', 'svc:httpbin', { traffic: { rps: 10, share: 1 } }),
      testEdge('svc:httpbin', 'httpbin:v1', { configuredWeight: 90, traffic: { rps: 9, share: 0.894 } }),
      testEdge('svc:httpbin', 'httpbin:v2', { configuredWeight: 10, traffic: { rps: 1, share: 0.106 } }),
      testEdge('svc:httpbin', 'httpbin:v2', {
        mirror: true,
        mirrorPercentage: 100,
        health: 'degraded',
        traffic: { rps: 10, share: 1, errorRatio: 0.05, errors: 30, p95Ms: 40 },
      }),
    ],
  };
}
