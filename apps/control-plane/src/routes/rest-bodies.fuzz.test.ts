// Fuzz target (issue #12): every write route of the REST API (taken from the auth plugin's route table)
// with hostile bodies and a valid token. The answer is never 5xx, every refusal is `{code, message,
// details}` naming what was wrong, and a refused write leaves the store as it was (same head revision).
// `FUZZ_RUNS=10000` raises the runs (`npm run fuzz`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzParams, fuzzTimeout } from '@shadowmesh/api/testing';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRequest } from '../testing/rest-arbitraries.js';
import { type TestApp, testApp } from '../testing/test-app.js';

const RUNS = 300;
const tutorialsDir = join(import.meta.dirname, '../../../../tutorials');

let t: TestApp;
let app: FastifyInstance;
let token: string;

async function seed(): Promise<void> {
  for (const file of readdirSync(tutorialsDir).filter((f) => f.endsWith('.yaml'))) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/apply',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
      payload: readFileSync(join(tutorialsDir, file), 'utf8'),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

beforeAll(async () => {
  t = await testApp({ auth: 'token' });
  app = t.app;
  token = app.services.auth.token as string;
  await app.ready();
  await seed();
});
afterAll(() => t.close());

/** What is wrong with a refusal's body (empty: nothing). */
function refusalProblems(status: number, text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`${status}: body is not JSON: ${text.slice(0, 80)}`];
  }
  const b = body as { code?: unknown; message?: unknown; details?: Record<string, unknown> };
  const problems: string[] = [];
  if (typeof b.code !== 'string' || !/^CP_ERR_[A-Z_]+$/.test(b.code)) problems.push(`code ${String(b.code)}`);
  if (typeof b.message !== 'string' || b.message.trim() === '') problems.push('empty message');
  if (typeof b.details !== 'object' || b.details === null) return [...problems, 'no details'];
  // 404, 409 and 413 name the object or the limit instead of a field; malformed JSON is field `(body)`.
  const named =
    [404, 409, 413].includes(status) || (typeof b.details.field === 'string' && b.details.field !== '');
  if (!named) problems.push(`${status} ${String(b.code)} without details.field: ${String(b.message)}`);
  return problems;
}

describe('REST write routes fuzz', () => {
  it('has the write routes', () => {
    const writes = app.routeAuth.filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.websocket);
    expect(writes.map((r) => `${r.method} ${r.url}`)).toContain(
      'PATCH /api/v1/namespaces/:namespace/:plural/:name',
    );
    expect(writes.length).toBeGreaterThanOrEqual(10);
  });

  it(
    'fuzz: hostile bodies never get a 5xx, refusals name the problem and store nothing',
    async () => {
      const writes = app.routeAuth.filter((r) => !['GET', 'HEAD'].includes(r.method) && !r.websocket);
      await fc.assert(
        fc.asyncProperty(fuzzRequest(writes, token), async (request) => {
          const before = app.services.store.headRevision;
          const res = await app.inject(request);
          const where = `${request.method} ${request.url} (${request.headers['content-type']})`;
          expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(refusalProblems(res.statusCode, res.body), where).toEqual([]);
            expect(app.services.store.headRevision, where).toBe(before);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        fuzzParams(RUNS),
      );
    },
    fuzzTimeout(RUNS, 10),
  );
});
