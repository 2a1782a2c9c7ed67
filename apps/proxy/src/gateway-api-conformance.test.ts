// Gateway API conformance cases for mirroring, weights and filters (named after the upstream suite's
// tests), on the mesh (GAMMA) shape: a real sidecar routes `reviews:9080` by an HTTPRoute with a Service
// parent to per-version Services whose endpoints are recording servers. Random draws are seeded;
// distributions are checked in 4σ binomial bands.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from './sidecar.js';
import { type TestResponse, viaProxy, waitFor } from './testing/http-client.js';
import { clientSidecar, silentLogger, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import { mulberry32 } from './testing/mulberry32.js';
import type { RecordedRequest, RecordingServer } from './testing/recording-server.js';
import { startRecordingServer } from './testing/recording-server.js';

type Version = 'v1' | 'v2' | 'v3';
const VERSIONS: readonly Version[] = ['v1', 'v2', 'v3'];
let servers: Record<Version, RecordingServer>;

beforeAll(async () => {
  servers = {
    v1: await startRecordingServer(),
    v2: await startRecordingServer(),
    v3: await startRecordingServer(),
  };
});

afterAll(async () => {
  for (const s of Object.values(servers)) await s.close();
});

const service = (name: string, selector: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n  ports: [{name: http, port: 9080}]\n  selector: {${selector}}\n`;

const SERVICES = [
  service('reviews', 'app: reviews'),
  ...VERSIONS.map((v) => service(`reviews-${v}`, `app: reviews, version: ${v}`)),
];

/** An HTTPRoute attached to the `reviews` Service, with the given rules (YAML, indented as list items). */
const httpRoute = (rules: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: reviews}\nspec:\n  parentRefs:\n  - {group: "", kind: Service, name: reviews, port: 9080}\n  rules:\n${rules}`;

const backend = (v: Version, weight?: number) =>
  `    - {name: reviews-${v}, port: 9080${weight === undefined ? '' : `, weight: ${weight}`}}\n`;
const mirror = (v: Version, extra = '') =>
  `    - type: RequestMirror\n      requestMirror:\n        backendRef: {name: reviews-${v}, port: 9080}\n${extra}`;

interface Run {
  responses: TestResponse[];
  /** Requests each version received during the run (primaries and copies). */
  received: Record<Version, RecordedRequest[]>;
}

/** Sends `paths` (cycled to `n` requests) through a fresh sidecar configured with `rules`. */
async function run(rules: string, n: number, seed: number, paths = ['/r'], headers = {}): Promise<Run> {
  const before = Object.fromEntries(VERSIONS.map((v) => [v, servers[v].requests.length]));
  const entries = VERSIONS.map((v) =>
    workloadEntry(`reviews-${v}`, servers[v].address, { app: 'reviews', version: v }),
  );
  const file = await writeMeshFile(...SERVICES, httpRoute(rules), ...entries);
  const proxy = await startSidecar(clientSidecar(file), { logger: silentLogger, random: mulberry32(seed) });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const responses: TestResponse[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < n) {
        const path = paths[next++ % paths.length];
        const url = `http://reviews:9080${path}`;
        responses.push(await viaProxy(proxy.addresses.outbound as string, url, { agent, headers }));
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await waitFor(
      () => proxy.mirrorStats().byTarget.every((t) => (proxy.mirrorStats().inFlight[t.target] ?? 0) === 0),
      'mirror copies settled',
    );
  } finally {
    agent.destroy();
    await proxy.close();
  }
  const received = Object.fromEntries(
    VERSIONS.map((v) => [v, servers[v].requests.slice(before[v])]),
  ) as Record<Version, RecordedRequest[]>;
  return { responses, received };
}

const copies = (list: RecordedRequest[]) => list.filter((r) => r.headers['x-shadowmesh-shadow'] === '1');
const primaries = (list: RecordedRequest[]) => list.filter((r) => r.headers['x-shadowmesh-shadow'] !== '1');

function expectWithin4Sigma(observed: number, n: number, p: number): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(observed - n * p), `observed ${observed} of ${n} at p=${p}`).toBeLessThanOrEqual(4 * sigma);
}

describe('Gateway API conformance: mirroring (HTTPRouteRequestMirror and friends)', () => {
  it('HTTPRouteRequestMirror: every request is copied to the mirror backend, with Host reviews-shadow:9080', async () => {
    const { responses, received } = await run(
      `  - filters:\n${mirror('v2')}    backendRefs:\n${backend('v1')}`,
      50,
      1,
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(primaries(received.v1)).toHaveLength(50);
    const copied = copies(received.v2);
    expect(copied).toHaveLength(50);
    expect(new Set(copied.map((c) => c.headers.host))).toEqual(new Set(['reviews-shadow:9080']));
    expect(received.v2).toHaveLength(50);
  });

  it.each([
    ['percent: 50', '        percent: 50\n', 0.5, 11],
    ['fraction: 1/4', '        fraction: {numerator: 1, denominator: 4}\n', 0.25, 12],
  ])(
    'HTTPRouteRequestPercentageMirror (%s): the share copied over 500 requests is within 4σ',
    async (_n, extra, p, seed) => {
      const n = 500;
      const { received } = await run(
        `  - filters:\n${mirror('v2', extra)}    backendRefs:\n${backend('v1')}`,
        n,
        seed,
      );
      expect(primaries(received.v1)).toHaveLength(n);
      expectWithin4Sigma(copies(received.v2).length, n, p);
    },
  );

  it('HTTPRouteRequestMultipleMirrors: two RequestMirror filters each receive every request', async () => {
    const { received } = await run(
      `  - filters:\n${mirror('v2')}${mirror('v3')}    backendRefs:\n${backend('v1')}`,
      40,
      2,
    );
    expect(primaries(received.v1)).toHaveLength(40);
    expect(copies(received.v2)).toHaveLength(40);
    expect(copies(received.v3)).toHaveLength(40);
  });

  it('RequestHeaderModifier is applied before the copy: primary and mirror see the same modified headers', async () => {
    const modifier =
      '    - type: RequestHeaderModifier\n      requestHeaderModifier:\n        set: [{name: X-Header-Set, value: set-overwrites}]\n        add: [{name: X-Header-Add, value: add-appends}]\n        remove: [X-Header-Remove]\n';
    const { received } = await run(
      `  - filters:\n${modifier}${mirror('v2')}    backendRefs:\n${backend('v1')}`,
      5,
      3,
      ['/h'],
      {
        'x-header-set': 'original',
        'x-header-add': 'original',
        'x-header-remove': 'gone',
      },
    );
    for (const r of [...primaries(received.v1), ...copies(received.v2)]) {
      expect(r.headers['x-header-set']).toBe('set-overwrites');
      // `add` appends a second field line; node:http reads the two as one comma-joined value.
      expect(r.headers['x-header-add']).toBe('original, add-appends');
      expect(r.headers['x-header-remove']).toBeUndefined();
    }
    expect(copies(received.v2)).toHaveLength(5);
  });
});

describe('Gateway API conformance: weights, matching and other filters', () => {
  it('HTTPRouteWeight 70/30/0: within 4σ over 500 requests, none to the weight-0 backend', async () => {
    const n = 500;
    const { received } = await run(
      `  - backendRefs:\n${backend('v1', 70)}${backend('v2', 30)}${backend('v3', 0)}`,
      n,
      4,
    );
    expect(received.v1.length + received.v2.length).toBe(n);
    expect(received.v3).toHaveLength(0);
    expectWithin4Sigma(received.v1.length, n, 0.7);
  });

  it('a rule whose backends all have weight 0 answers 500', async () => {
    const { responses, received } = await run(`  - backendRefs:\n${backend('v1', 0)}`, 3, 5);
    expect(responses.map((r) => r.status)).toEqual([500, 500, 500]);
    expect(received.v1).toHaveLength(0);
  });

  it('HTTPRouteMatching: PathPrefix matches whole path elements; Exact beats a longer prefix', async () => {
    const rules =
      `  - matches: [{path: {type: PathPrefix, value: /v2}}]\n    backendRefs:\n${backend('v2')}` +
      `  - matches: [{path: {type: Exact, value: /v2/exact}}]\n    backendRefs:\n${backend('v3')}` +
      `  - backendRefs:\n${backend('v1')}`;
    const { received } = await run(rules, 4, 6, ['/v2', '/v2/x', '/v2example', '/v2/exact']);
    expect(received.v2.map((r) => r.url).sort()).toEqual(['/v2', '/v2/x']);
    expect(received.v1.map((r) => r.url)).toEqual(['/v2example']);
    expect(received.v3.map((r) => r.url)).toEqual(['/v2/exact']);
  });

  it('HTTPRouteRewritePath: ReplacePrefixMatch replaces the matched prefix element-wise', async () => {
    const rules = `  - matches: [{path: {type: PathPrefix, value: /prefix/one}}]\n    filters:\n    - type: URLRewrite\n      urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /one}}\n    backendRefs:\n${backend('v1')}`;
    const { received } = await run(rules, 3, 7, ['/prefix/one', '/prefix/one/two', '/prefix/one/two?q=1']);
    expect(received.v1.map((r) => r.url).sort()).toEqual(['/one', '/one/two', '/one/two?q=1']);
  });

  it('HTTPRouteResponseHeaderModifier and RequestRedirect answer as specified', async () => {
    const rules =
      `  - matches: [{path: {type: Exact, value: /moved}}]\n    filters:\n    - type: RequestRedirect\n      requestRedirect: {hostname: example.com, statusCode: 301}\n` +
      `  - filters:\n    - type: ResponseHeaderModifier\n      responseHeaderModifier: {set: [{name: X-Resp, value: from-route}]}\n    backendRefs:\n${backend('v1')}`;
    const { responses } = await run(rules, 2, 8, ['/moved', '/other']);
    const moved = responses.find((r) => r.status === 301);
    expect(moved?.headers.location).toBe('http://example.com:9080/moved');
    const other = responses.find((r) => r.status === 200);
    expect(other?.headers['x-resp']).toBe('from-route');
  });
});
