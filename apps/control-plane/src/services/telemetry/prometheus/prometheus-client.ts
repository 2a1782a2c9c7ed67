// A minimal client of Prometheus's HTTP API: instant queries (`GET /api/v1/query?query=…&time=…`)
// answering a vector. Every failure is a CpError naming the URL and the PromQL, so the graph route
// answers it as an API error rather than a graph that pretends nothing happened.
import { cpError } from '../../../errors.js';

/** How long one query may take (connect and answer) before it counts as unreachable. */
export const PROMETHEUS_TIMEOUT_MS = 5_000;

/** One element of an instant vector; `value` is NaN or ±Infinity where Prometheus says so. */
export interface VectorSample {
  metric: Record<string, string>;
  value: number;
}

/** Prometheus's answer envelope (https://prometheus.io/docs/prometheus/latest/querying/api/). */
interface ApiAnswer {
  status?: unknown;
  errorType?: unknown;
  error?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

export class PrometheusClient {
  constructor(
    /** The web root, e.g. `http://127.0.0.1:9090` (no trailing slash). */
    readonly baseUrl: string,
    private readonly timeoutMs = PROMETHEUS_TIMEOUT_MS,
  ) {}

  /** Evaluates `query` at `timeSeconds` (Unix seconds) and returns the vector. */
  async query(query: string, timeSeconds: number): Promise<VectorSample[]> {
    const params = new URLSearchParams({ query, time: timeSeconds.toFixed(3) });
    const url = `${this.baseUrl}/api/v1/query`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${url}?${params}`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const reason =
        e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.cause?.message ?? e.message);
      throw cpError(
        'CP_ERR_PROMETHEUS_UNREACHABLE',
        `Prometheus at ${this.baseUrl} did not answer (${reason})`,
        { url: this.baseUrl, query, reason },
        { cause: err },
      );
    }
    let answer: ApiAnswer | null = null;
    try {
      answer = JSON.parse(text) as ApiAnswer;
    } catch {
      // Judged below: not Prometheus's JSON API.
    }
    const fail = (what: string, extra: Record<string, string> = {}) =>
      cpError('CP_ERR_PROMETHEUS_QUERY', `Prometheus at ${this.baseUrl} ${what}`, {
        url: this.baseUrl,
        query,
        status: response.status,
        ...extra,
      });
    if (answer === null || typeof answer !== 'object') {
      throw fail(`answered HTTP ${response.status} with something other than its JSON API`);
    }
    if (answer.status !== 'success') {
      const errorType = String(answer.errorType ?? 'unknown');
      const error = String(answer.error ?? `HTTP ${response.status}`);
      throw fail(`refused the query (${errorType}: ${error})`, { errorType, error });
    }
    const data = answer.data;
    if (data?.resultType !== 'vector' || !Array.isArray(data.result)) {
      throw fail(`answered a ${String(data?.resultType)} where an instant vector was expected`);
    }
    return data.result.map((r, i) => toSample(r, i, fail));
  }
}

/** `{ metric: {…}, value: [time, "1.5"] }` → `{ metric, value: 1.5 }` ("NaN", "+Inf" kept as numbers). */
function toSample(raw: unknown, index: number, fail: (what: string) => Error): VectorSample {
  const r = raw as { metric?: unknown; value?: unknown };
  const pair = r?.value;
  if (
    typeof r?.metric !== 'object' ||
    r.metric === null ||
    !Array.isArray(pair) ||
    typeof pair[1] !== 'string'
  ) {
    throw fail(`answered a malformed sample at data.result[${index}]`);
  }
  return { metric: r.metric as Record<string, string>, value: sampleValue(pair[1]) };
}

/** Prometheus writes floats as Go does: `NaN`, `+Inf` and `-Inf` besides plain numbers. */
function sampleValue(text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}
