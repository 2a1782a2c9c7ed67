import type { ApiErrorBody } from '@shadowmesh/api';
import { ApiError } from './ApiError';

const JSON_HEADERS = { accept: 'application/json', 'x-shadowmesh-client': 'dashboard' };

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
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
  const body = parseBody(await response.text());
  if (!response.ok) {
    const fallback = { code: `HTTP_${response.status}`, message: response.statusText || 'Request failed' };
    throw new ApiError(response.status, isApiErrorBody(body) ? body : fallback);
  }
  return body as T;
}

/** Sends a body (JSON-encoded unless it is already text) with the given content type. */
export function apiSend<T>(
  method: string,
  path: string,
  body: unknown,
  contentType = 'application/json',
): Promise<T> {
  return apiFetch<T>(path, {
    method,
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Which object a view is about, by REST plural (the dashboard's URLs and mutations name objects so). */
export interface ObjectRef {
  plural: string;
  namespace: string;
  name: string;
}

/** `/api/v1/namespaces/{ns}/{plural}/{name}` (every part URL-encoded). */
export function objectPath(plural: string, namespace: string, name: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${encodeURIComponent(plural)}/${encodeURIComponent(name)}`;
}
