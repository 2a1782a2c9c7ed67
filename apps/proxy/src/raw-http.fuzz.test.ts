// Fuzz target (issue #12): raw HTTP/1.1 into a real sidecar's outbound listener, with a recording upstream
// that reads strictly. Each case is answered or closed within the time allowed (never hangs); an answer is
// well-formed HTTP; the proxy stays up (a normal request afterwards works); nothing with invalid framing
// reaches the upstream, and whatever does reach it is framed strictly. `FUZZ_RUNS=10000` raises the runs
// (`npm run fuzz`).
import { Writable } from 'node:stream';
import { fuzzParams, fuzzTimeout } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProxyHandle } from './proxy-handle.js';
import { startSidecar } from './sidecar.js';
import { exchange, type FramingUpstream, startFramingUpstream } from './testing/framing-upstream.js';
import { viaProxy } from './testing/http-client.js';
import { clientSidecar, workloadEntry, writeMeshFile } from './testing/mesh-files.js';
import { rawCase } from './testing/raw-request-arbitraries.js';
import { responseProblems } from './testing/strict-http.js';

const RUNS = 100;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: httpbin
`;
// No DNS and no connection outside the mesh, whatever authority a case names.
const REGISTRY_ONLY = `apiVersion: shadowmesh.io/v1alpha1
kind: MeshConfig
metadata:
  name: default
spec:
  outboundTrafficPolicy:
    mode: REGISTRY_ONLY
`;

let upstream: FramingUpstream;
let proxy: ProxyHandle;
let outbound: string;
const crashes: string[] = [];
const onRejection = (reason: unknown) => crashes.push(`unhandled rejection: ${String(reason)}`);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  upstream = await startFramingUpstream();
  const file = await writeMeshFile(
    SERVICE,
    REGISTRY_ONLY,
    workloadEntry('httpbin-v1', upstream.address, { app: 'httpbin' }),
  );
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      crashes.push(`log: ${chunk.toString('utf8').slice(0, 500)}`);
      done();
    },
  });
  proxy = await startSidecar(clientSidecar(file), { logger: pino({ level: 'error' }, sink) });
  outbound = proxy.addresses.outbound as string;
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await proxy?.close();
  await upstream?.close();
});

describe('raw HTTP into the proxy fuzz', () => {
  it('routes a normal request to the recording upstream', async () => {
    const res = await viaProxy(outbound, 'http://httpbin:8000/fz/ok');
    expect(res.status).toBe(200);
    expect(upstream.requests).toContain('GET /fz/ok');
  });

  // node keeps 1,000 fields by default but frames the body by all of them: a Transfer-Encoding after the
  // 1,000th was invisible to the proxy, which forwarded the body unframed, read upstream as the next request.
  // Refused now with 431 (more than Envoy's 100 fields), before anything is forwarded.
  it('a request framed by its 1,001st field is refused, its body never read upstream as a request', async () => {
    const fields = Array.from({ length: 999 }, (_, i) => `X-Many-${i}: v`);
    const smuggled = 'GET /fz/known-defect-smuggled HTTP/1.1\r\nHost: httpbin:8000\r\n\r\n';
    const head = [
      'POST http://httpbin:8000/fz/known-defect HTTP/1.1',
      'Host: httpbin:8000',
      ...fields,
      'Transfer-Encoding: chunked',
    ];
    const bytes = `${head.join('\r\n')}\r\n\r\n${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    const problems = upstream.problems.length;
    await exchange(outbound, Buffer.from(bytes, 'latin1'), { head: false, quietMs: 200, timeoutMs: 5000 });
    expect((await viaProxy(outbound, 'http://httpbin:8000/fz/after-known-defect')).status).toBe(200);
    expect(upstream.requests.filter((r) => r.includes('known-defect-smuggled'))).toEqual([]);
    expect(upstream.problems.slice(problems)).toEqual([]);
  });

  it(
    'fuzz: every raw request is answered or closed, well-formed, and never smuggled upstream',
    async () => {
      await fc.assert(
        fc.asyncProperty(rawCase, async (c) => {
          const seen = upstream.requests.length;
          const problems = upstream.problems.length;
          const result = await exchange(outbound, c.bytes, { head: c.head, quietMs: 50, timeoutMs: 5000 });
          expect(result.closed, `${c.summary}: the proxy neither answered nor closed`).toBe(true);
          // A HEAD the proxy could not parse is answered like any bad request: with a body, then closed.
          const problems2 = responseProblems(result.wire, c.head);
          expect(
            c.head && problems2.length > 0 ? responseProblems(result.wire, false) : problems2,
            c.summary,
          ).toEqual([]);
          // A normal request afterwards works: the proxy is up. It also flushes what this case sent upstream.
          const after = await viaProxy(outbound, `http://httpbin:8000/fz/after-${c.marker}`);
          expect(after.status, c.summary).toBe(200);
          const reached = upstream.requests.slice(seen).filter((r) => r.includes(`/fz/${c.marker}`));
          if (c.smuggle) expect(reached, `${c.summary}: invalid framing reached the upstream`).toEqual([]);
          expect(
            reached.filter((r) => r.includes('-smuggled')),
            c.summary,
          ).toEqual([]);
          expect(upstream.problems.slice(problems), c.summary).toEqual([]);
          expect(crashes.splice(0), c.summary).toEqual([]);
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 60),
  );
});
