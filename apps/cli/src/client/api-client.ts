// HTTP to the control plane: base URL, token, client header, error bodies → ApiError, network → ConnectionError.
import type { ApiErrorDetails } from '@shadowmesh/api';
import { ApiError, ConnectionError } from './cli-error.js';
import type { ClientSettings } from './client-options.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON value (sent as application/json) or text with its own `contentType`. */
  json?: unknown;
  text?: string;
  contentType?: string;
}

/** Every request waits at most this long for an answer. */
const REQUEST_TIMEOUT_MS = 30_000;
const TOKEN_HINT =
  'pass --token, set SHADOWMESH_TOKEN, or point --data at the directory where the control plane keeps its token';

export class ApiClient {
  readonly server: string;
  readonly #token: string | null;
  readonly #fetch: typeof fetch;

  constructor(settings: Pick<ClientSettings, 'server' | 'token'>, fetchImpl: typeof fetch = fetch) {
    this.server = settings.server;
    this.#token = settings.token;
    this.#fetch = fetchImpl;
  }

  /** Sends one request; resolves with the parsed JSON body (or text), throws ApiError / ConnectionError. */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.server + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', 'x-shadowmesh-client': 'cli' };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.text !== undefined) {
      body = options.text;
      headers['content-type'] = options.contentType ?? 'text/plain; charset=utf-8';
    }
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new ConnectionError(this.server, networkReason(err), err);
    }
    const raw = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    let parsed: unknown = raw;
    if (isJson && raw !== '') {
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
    }
    if (!response.ok) throw toApiError(response.status, response.statusText, parsed);
    return parsed as T;
  }
}

function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const b = body as { code?: unknown; message?: unknown; details?: unknown } | null;
  const isErrorBody = b !== null && typeof b === 'object' && typeof b.message === 'string';
  const code = isErrorBody && typeof b.code === 'string' ? b.code : `HTTP_${status}`;
  let message = isErrorBody
    ? (b.message as string)
    : typeof body === 'string' && body.trim()
      ? body.trim().slice(0, 500)
      : `${status} ${statusText}`;
  if (status === 401) message = `${message} (${TOKEN_HINT})`;
  const details =
    isErrorBody && b.details && typeof b.details === 'object' ? (b.details as ApiErrorDetails) : {};
  return new ApiError(status, code, message, details);
}

/** A short reason for a failed fetch: `connection refused`, `host not found`, … */
export function networkReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000}s`;
  }
  const code = errorCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connection timed out';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    default: {
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
      return cause instanceof Error ? cause.message : String(cause);
    }
  }
}

function errorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const c = current as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof c.code === 'string' && c.code !== 'ERR_INVALID_ARG_TYPE') return c.code;
    if (Array.isArray(c.errors) && c.errors.length > 0) current = c.errors[0];
    else current = c.cause;
  }
  return undefined;
}
