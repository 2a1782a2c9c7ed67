// A seeded synthetic mesh shaped like a real one (client workloads calling services, services
// routing to versions in app boxes, some weighted, some mirrored, apps in tiers that call the next
// tier down: front ends, then back ends, then data services),
// and a 1 Hz traffic tick over it. Used by the render benchmark (`?bench=1`) and by tests.
import type { GraphEdge, GraphNode, GraphResponse } from '@shadowmesh/api';
import type { GraphDelta } from './stream/applyDelta';

/** Tiers of apps: clients call tier 0, tier t calls tier t + 1 (or t + 2). */
const TIERS = 6;

export interface SyntheticOptions {
  /** Total nodes, boxes included (default 1000). */
  nodes?: number;
  /** Total edges (default 2000). */
  edges?: number;
  seed?: number;
}

/** Park–Miller: small, seeded, good enough for shapes and jitter. */
export function seededRandom(seed: number): () => number {
  let state = Math.max(1, Math.floor(Math.abs(seed)) % 2147483647);
  return () => {
    state = (state * 16807) % 2147483647;
    return (state - 1) / 2147483646;
  };
}

const NO_BADGES = {
  mirror: false,
  weightedRouting: false,
  faultInjection: false,
  timeout: false,
  retries: false,
  circuitBreaker: false,
};

function traffic(rps: number, errorRatio: number, share: number): GraphEdge['traffic'] {
  const requests = Math.round(rps * 60);
  const errors = Math.round(requests * errorRatio);
  return {
    rps,
    requests,
    errors,
    errorRatio,
    share,
    p50Ms: 4 + rps / 10,
    p95Ms: 12 + rps / 4,
    p99Ms: 30 + rps / 2,
    responseCodes: errors > 0 ? { '200': requests - errors, '503': errors } : { '200': requests },
  };
}

export function syntheticGraph(options: SyntheticOptions = {}): GraphResponse {
  const wantNodes = options.nodes ?? 1000;
  const wantEdges = options.edges ?? 2000;
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  /** Caller groups (a client, or the versions of one app) with their tier (clients: -1). */
  const callers: Array<{ tier: number; nodes: GraphNode[] }> = [];
  const servicesByTier: GraphNode[][] = Array.from({ length: TIERS }, () => []);
  const base = { health: 'healthy' as const, inRps: 0, outRps: 0, errorRatio: 0 };
  const clients = Math.max(1, Math.round(wantNodes / 50));
  for (let i = 0; i < clients && nodes.length < wantNodes; i += 1) {
    const client: GraphNode = {
      ...base,
      id: `wl:client-${i}`,
      kind: 'workload',
      label: `client-${i}`,
      namespace: 'ns-0',
      workload: `client-${i}`,
      isRoot: true,
    };
    nodes.push(client);
    callers.push({ tier: -1, nodes: [client] });
  }
  for (let app = 0; nodes.length < wantNodes; app += 1) {
    const namespace = `ns-${app % 8}`;
    const name = `app-${app}`;
    const versions = Math.min(1 + Math.floor(random() * 3), Math.max(1, wantNodes - nodes.length - 2));
    const mirrored = versions > 1 && random() < 0.2;
    const service: GraphNode = {
      ...base,
      id: `svc:${namespace}/${name}`,
      kind: 'service',
      label: name,
      namespace,
      service: name,
      badges: {
        ...NO_BADGES,
        mirror: mirrored,
        weightedRouting: versions > 1,
        retries: random() < 0.1,
        timeout: random() < 0.1,
      },
    };
    nodes.push(service);
    const tier = app % TIERS;
    servicesByTier[tier]?.push(service);
    const layer: GraphNode[] = [];
    if (versions > 1 && nodes.length < wantNodes)
      nodes.push({ ...base, id: `box:${namespace}/${name}`, kind: 'box', label: name, namespace, app: name });
    const weights = versions === 1 ? [100] : versions === 2 ? [90, 10] : [60, 30, 10];
    for (let v = 0; v < versions && nodes.length < wantNodes; v += 1) {
      const node: GraphNode = {
        ...base,
        id: `app:${namespace}/${name}:v${v + 1}`,
        kind: 'app',
        label: `${name} v${v + 1}`,
        namespace,
        app: name,
        version: `v${v + 1}`,
        ...(versions > 1 ? { parent: `box:${namespace}/${name}` } : {}),
      };
      nodes.push(node);
      layer.push(node);
      const weight = weights[v] ?? 0;
      const rps = Math.round(random() * 50 * weight) / 100;
      edges.push({
        id: `${service.id}->${node.id}`,
        source: service.id,
        target: node.id,
        mirror: false,
        protocol: 'http',
        health: 'healthy',
        traffic: traffic(rps, 0, weight / 100),
        ...(versions > 1 ? { configuredWeight: weight } : {}),
      });
    }
    const last = layer.at(-1);
    if (mirrored && last) {
      edges.push({
        id: `${service.id}->${last.id}:mirror`,
        source: service.id,
        target: last.id,
        mirror: true,
        protocol: 'http',
        health: 'degraded',
        mirrorPercentage: 100,
        traffic: traffic(5, 0.02, 1),
      });
    }
    callers.push({ tier, nodes: layer });
  }
  // Calls flow down the tiers: mostly to the next tier, sometimes one further.
  const taken = new Set(edges.map((e) => e.id));
  const upstream = callers.filter((c) => c.tier < TIERS - 1);
  for (let tries = 0; edges.length < wantEdges && tries < wantEdges * 20; tries += 1) {
    const group = pick(upstream);
    const caller = group ? pick(group.nodes) : undefined;
    const tier = (group?.tier ?? 0) + (random() < 0.8 ? 1 : 2);
    const candidates = servicesByTier[Math.min(tier, TIERS - 1)] ?? [];
    if (!caller || candidates.length === 0) continue;
    const target = pick(candidates);
    const id = `${caller.id}->${target.id}`;
    if (taken.has(id)) continue;
    taken.add(id);
    const errorRatio = random() < 0.05 ? 0.08 : 0;
    edges.push({
      id,
      source: caller.id,
      target: target.id,
      mirror: false,
      protocol: 'http',
      health: errorRatio > 0 ? 'degraded' : 'healthy',
      traffic: traffic(Math.round(random() * 2000) / 100, errorRatio, 0.5),
    });
  }
  return {
    timestamp: new Date(0).toISOString(),
    durationSeconds: 60,
    graphType: 'versionedApp',
    namespaces: [],
    nodes,
    edges,
  };
}

/** One second later: every edge's rate moves a little (as a stream delta would say). */
export function syntheticTick(graph: GraphResponse, tick: number): GraphDelta {
  const random = seededRandom(tick + 1);
  const upsertEdges = graph.edges.map((edge) => {
    const rps = Math.max(0, Math.round(edge.traffic.rps * (0.9 + random() * 0.2) * 100) / 100);
    return { ...edge, traffic: { ...edge.traffic, rps } };
  });
  return {
    type: 'delta',
    seq: tick,
    timestamp: new Date(tick * 1000).toISOString(),
    upsertNodes: [],
    removeNodes: [],
    upsertEdges,
    removeEdges: [],
  };
}
