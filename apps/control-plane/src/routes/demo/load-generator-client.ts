// Calls the demo load generator's control endpoint (`GET /stats`, `PUT /rate`) for `/api/v1/demo/load`.
// Its failures become CpErrors: the dashboard shows them as it shows every API error.
import type { DemoLoadStatus } from '@shadowmesh/api';
import { cpError } from '../../errors.js';

/** The largest rate the load generator takes (its own limit, `MAX_RATE` of apps/demo). */
export const DEMO_MAX_RPS = 10_000;

const TIMEOUT_MS = 3_000;

export class LoadGeneratorClient {
  readonly #base: string;

  constructor(base: string) {
    this.#base = base;
  }

  async status(): Promise<DemoLoadStatus> {
    const stats = await this.#call('GET', '/stats');
    return toStatus(stats);
  }

  async setRate(rps: number): Promise<DemoLoadStatus> {
    await this.#call('PUT', '/rate', { rate: rps });
    return this.status();
  }

  async #call(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(this.#base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      const cause = err as Error & { cause?: { code?: string } };
      const reason = cause.name === 'TimeoutError' ? 'timed out' : (cause.cause?.code ?? cause.message);
      throw unavailable(`the demo load generator at ${this.#base} did not answer (${reason})`, err);
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // Judged below.
    }
    if (response.status === 400) {
      const message = (json as { error?: unknown } | null)?.error;
      throw cpError('CP_ERR_BAD_REQUEST', typeof message === 'string' ? message : 'rate refused', {
        field: 'body.rps',
      });
    }
    if (!response.ok || json === null || typeof json !== 'object') {
      throw unavailable(
        `the demo load generator at ${this.#base} answered ${path} with HTTP ${response.status}`,
      );
    }
    return json;
  }
}

function toStatus(stats: unknown): DemoLoadStatus {
  const s = stats as Record<string, unknown>;
  const n = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
  if (typeof s.rate !== 'number') throw unavailable('the demo load generator answered /stats without a rate');
  return {
    rps: s.rate,
    maxRps: DEMO_MAX_RPS,
    sent: n('sent'),
    ok: n('ok'),
    failed: n('failed'),
    errors: n('errors'),
    skipped: n('skipped'),
  };
}

/** The generator did not answer: a 502, the control plane itself is fine. */
function unavailable(message: string, cause?: unknown) {
  return cpError(
    'CP_ERR_UPSTREAM_UNAVAILABLE',
    message,
    { field: 'demoLoadUrl' },
    cause === undefined ? undefined : { cause },
  );
}
