import type { ApiErrorBody } from '@shadowmesh/api';
import { ApiError } from './ApiError';

const JSON_HEADERS = { accept: 'application/json', 'x-shadowmesh-client': 'dashboard' };

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

/** Fetches JSON from the control plane; the session cookie rides along; non-2xx throws ApiError. */
export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { ...JSON_HEADERS, ...init.headers },
    });
  } catch (err) {
    throw ApiError.unreachable(err);
  }
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fallback = { code: `HTTP_${response.status}`, message: response.statusText || 'Request failed' };
    throw new ApiError(response.status, isApiErrorBody(body) ? body : fallback);
  }
  return body as T;
}
