import type { ApiErrorBody, ApiErrorDetails } from '@shadowmesh/api';

/** Every non-2xx answer from the control plane becomes one of these. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails | undefined;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = body.details;
  }

  /** A network failure (control plane unreachable) is reported in the same shape. */
  static unreachable(cause: unknown): ApiError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new ApiError(0, { code: 'UI_ERR_UNREACHABLE', message: `Control plane unreachable: ${reason}` });
  }
}
